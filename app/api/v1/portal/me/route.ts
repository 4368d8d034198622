import { json, withApiHandler } from "@/lib/http/with-api-handler";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(
  ({ caller }) => {
    const { id, email, name, organization } = caller.consumer;
    return json({ consumer: { id, email, name, organization } });
  },
  { access: "consumer" },
);
