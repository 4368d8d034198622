/** The small JSON body every upstream answers with (63 bytes, as in the reference measurements). */
export const UPSTREAM_BODY = '{"id":"8f14e45f01","name":"widget","price":12.5,"inStock":true}';
