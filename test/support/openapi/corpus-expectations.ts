export type CorpusExpectation =
  | {
      valid: true;
      version: "2.0" | "3.0" | "3.1";
      methods: number;
      /** The first warning: the import leaves a part out, and failOnWarnings rejects the document with this message. */
      warning?: RegExp;
      /** Why the document imports although its source project calls it invalid: AWS imports it too. */
      awsAccepts?: string;
    }
  | { valid: false; error: RegExp };

/**
 * What a user importing each file of the corpus gets. Every file is listed:
 * OpenAPI and Swagger documents import; invalid documents, JSON Schemas,
 * READMEs, multi-file documents and CloudFormation/SAM templates are rejected
 * with a message naming the problem. SAM templates are not unpacked: the
 * message points at DefinitionBody, whose placeholders must be resolved first.
 * Documents that break a rule AWS does not enforce import, as in AWS: with a
 * warning where a part is left out (`warning`, and rejected with
 * failOnWarnings), or as they are where nothing needs to be (`awsAccepts`).
 */
export const CORPUS: Record<string, CorpusExpectation> = {
  "apidevtools-swagger-parser/test/specs/invalid/newer-version.yaml": {
    valid: false,
    error: /Unrecognized Swagger version: 3\.0\. Expected 2\.0\. OpenAPI 3 documents declare their version/,
  },
  "apidevtools-swagger-parser/test/specs/invalid/no-paths-or-webhooks.yaml": { valid: false, error: /OpenAPI schema validation failed/ },
  "apidevtools-swagger-parser/test/specs/invalid/not-swagger.yaml": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "apidevtools-swagger-parser/test/specs/invalid/numeric-info-version.yaml": {
    valid: false,
    error: /API version number must be a string \(e\.g\. "1\.0\.0"\) not a number\. Quote it in the document\./,
  },
  "apidevtools-swagger-parser/test/specs/invalid/numeric-version.yaml": {
    valid: false,
    error: /Swagger version number must be a string \(e\.g\. "2\.0"\) not a number\. Write swagger: "2\.0"\./,
  },
  "apidevtools-swagger-parser/test/specs/invalid/old-version.yaml": {
    valid: false,
    error: /Unrecognized Swagger version: 1\.2\. Expected 2\.0\. Swagger 1\.x documents must be converted t/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/anyof.yaml": { valid: false, error: /Swagger schema validation failed/ },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/file-body-param.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/file-header-param.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/invalid-param-location.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/invalid-param-type.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/invalid-response-code.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/invalid-response-header-type.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/invalid-response-type.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/invalid-schema-type.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/multi-header-param.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/multi-path-param.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/non-primitive-param-type.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/non-primitive-response-header-type.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/non-required-path-param.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/oneof.yaml": { valid: false, error: /Swagger schema validation failed/ },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/optional-path-param.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/invalid/ref-to-invalid-path.yaml": {
    valid: false,
    error: /Swagger schema validation failed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-schema/valid/allof.yaml": { valid: true, version: "2.0", methods: 1 },
  "apidevtools-swagger-parser/test/specs/validate-schema/valid/unknown-format.yaml": { valid: true, version: "2.0", methods: 1 },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/array-body-no-items.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    awsAccepts: "An array without items is an array of anything in JSON Schema.",
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/array-no-items.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    awsAccepts: "An array without items is an array of anything in JSON Schema.",
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/array-response-body-no-items.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    awsAccepts: "An array without items is an array of anything in JSON Schema.",
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/array-response-header-no-items.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    awsAccepts: "An array without items is an array of anything in JSON Schema.",
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/body-and-form-params.yaml": {
    valid: true,
    version: "2.0",
    methods: 2,
    warning: /\/paths\/users\/\{username\}\/post has body parameters and formData parameters\. Only one or the /,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/duplicate-operation-ids.yaml": {
    valid: true,
    version: "2.0",
    methods: 2,
    warning: /Duplicate operation id 'users': it is also used at \/paths\/users\/get\. Operation ids must be/,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/duplicate-operation-params.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    warning: /\/paths\/users\/\{username\}\/get has duplicate parameters: more than one path parameter is name/,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/duplicate-path-params.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    warning: /\/paths\/users\/\{username\} has duplicate parameters: more than one header parameter is named /,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/duplicate-path-placeholders.yaml": {
    valid: true,
    version: "2.0",
    methods: 0,
    warning: /\/paths\/users\/\{username\}\/profile\/\{username\}\/image\/\{img_id\}\/get has multiple path placeholders/,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/file-invalid-consumes.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    awsAccepts: "Form parameters are not validated; the media types an operation consumes do not stop an import.",
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/file-no-consumes.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    awsAccepts: "Form parameters are not validated; the media types an operation consumes do not stop an import.",
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/invalid-response-code.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    warning: /\/paths\/users\/get\/responses\/888 has an invalid response code \(888\)/,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/multiple-body-params.yaml": {
    valid: true,
    version: "2.0",
    methods: 2,
    warning: /\/paths\/users\/\{username\}\/post has 2 body parameters\. Only one is allowed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/multiple-operation-body-params.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    warning: /\/paths\/users\/\{username\}\/patch has 2 body parameters\. Only one is allowed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/multiple-path-body-params.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    warning: /\/paths\/users\/\{username\}\/get has 2 body parameters\. Only one is allowed/,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/no-path-params.yaml": {
    valid: true,
    version: "2.0",
    methods: 2,
    awsAccepts: "Path placeholders without a declared parameter are declared by the import, as AWS does.",
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/path-param-no-placeholder.yaml": {
    valid: true,
    version: "2.0",
    methods: 2,
    warning: /\/paths\/users\/\{username\}\/post has a path parameter named \"foo\", but there is no correspondi/,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/path-placeholder-no-param.yaml": {
    valid: true,
    version: "2.0",
    methods: 2,
    awsAccepts: "Path placeholders without a declared parameter are declared by the import, as AWS does.",
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/required-property-not-defined-definitions.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    awsAccepts: "JSON Schema allows a required property that the schema does not describe.",
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/invalid/required-property-not-defined-input.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
    awsAccepts: "JSON Schema allows a required property that the schema does not describe.",
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/valid/file-vendor-specific-consumes-formdata.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/valid/file-vendor-specific-consumes-urlencoded.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/valid/inherited-required-properties.yaml": {
    valid: true,
    version: "2.0",
    methods: 1,
  },
  "apidevtools-swagger-parser/test/specs/validate-spec/valid/only-validate-required-properties-on-objects.yaml": {
    valid: true,
    version: "2.0",
    methods: 6,
  },
  "aws-samples-serverless-patterns/apigw-ddb-openapi-crud/api.yaml": { valid: false, error: /still holds a CloudFormation placeholder/ },
  "aws-samples-serverless-patterns/apigw-dynamodb-lambda-scheduler-ses-auto-deletion-sam/restapi/api.yaml": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "aws-samples-serverless-patterns/apigw-http-api-fifo-sqs-lambda-sns-sam/api.yaml": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "aws-samples-serverless-patterns/apigw-kinesis-lambda-ddb/api.yaml": { valid: false, error: /still holds a CloudFormation placeholder/ },
  "aws-samples-serverless-patterns/apigw-mappingtemplate-lambda/api.yaml": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "aws-samples-serverless-patterns/apigw-rest-vpclink-pvt-alb-sam/api.yaml": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "aws-samples-serverless-patterns/appsync-apigateway-dynamodb-sam/restapi/api.yaml": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "aws-samples-serverless-patterns/private-apigw-cross-region/template1-regionA.yaml": {
    valid: false,
    error:
      /This is a CloudFormation\/SAM template, not an OpenAPI document\. Its API definition is under Resources\.MyApi\.Properties\.DefinitionBody/,
  },
  "aws-serverless-application-model/tests/translator/output/api_with_auth_all_maximum.MyApi.Body.json": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "aws-serverless-application-model/tests/translator/output/api_with_auth_all_maximum_openapi_3.MyApi.Body.json": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "aws-serverless-application-model/tests/translator/output/api_with_cors.ExplicitApi.Body.json": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "aws-serverless-application-model/tests/translator/output/api_with_gateway_responses_all.ExplicitApi.Body.json": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "aws-serverless-application-model/tests/translator/output/api_with_gateway_responses_all_openapi_3.ExplicitApi.Body.json": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "aws-serverless-application-model/tests/translator/output/api_with_resource_policy.ExplicitApi.Body.json": {
    valid: false,
    error: /still holds a CloudFormation placeholder/,
  },
  "awslabs-aws-apigateway-importer/tst/resources/swagger/apigateway.json": { valid: true, version: "2.0", methods: 2 },
  "localstack/extracted-bad-inputs/bad_json_string.json": { valid: false, error: /The document is not valid JSON/ },
  "localstack/extracted-bad-inputs/bad_yaml_string.yaml": { valid: false, error: /The document is not valid YAML/ },
  "localstack/tests/aws/files/api_definition.yaml": { valid: true, version: "3.0", methods: 2 },
  "localstack/tests/aws/files/oas30_documentation_parts.json": { valid: true, version: "3.0", methods: 1 },
  "localstack/tests/aws/files/openapi-basepath-server-variable.yaml": { valid: true, version: "3.0", methods: 2 },
  "localstack/tests/aws/files/openapi-basepath-url.yaml": { valid: true, version: "3.0", methods: 2 },
  "localstack/tests/aws/files/openapi-http-method-integration.json": { valid: true, version: "3.0", methods: 2 },
  "localstack/tests/aws/files/openapi-method-int.spec.yaml": { valid: true, version: "3.0", methods: 1 },
  "localstack/tests/aws/files/openapi-mock.json": { valid: true, version: "3.0", methods: 1 },
  "localstack/tests/aws/files/openapi.cognito-auth.json": { valid: true, version: "3.0", methods: 4 },
  "localstack/tests/aws/files/openapi.spec.circular-ref-with-request-body.json": { valid: true, version: "3.0", methods: 1 },
  "localstack/tests/aws/files/openapi.spec.circular-ref.json": { valid: true, version: "3.0", methods: 1 },
  "localstack/tests/aws/files/openapi.spec.global-auth.json": { valid: true, version: "3.0", methods: 2 },
  "localstack/tests/aws/files/openapi.spec.json": { valid: true, version: "3.0", methods: 3 },
  "localstack/tests/aws/files/openapi.spec.pulumi.json": { valid: false, error: /Swagger schema validation failed/ },
  "localstack/tests/aws/files/openapi.spec.stage-variables.json": { valid: true, version: "3.0", methods: 1 },
  "localstack/tests/aws/files/openapi.spec.tf.json": {
    valid: false,
    error: /API version number must be a string \(e\.g\. "1\.0\.0"\) not a number\. Quote it in the document\./,
  },
  "localstack/tests/aws/files/pets.json": { valid: true, version: "2.0", methods: 2 },
  "localstack/tests/aws/files/petstore-authorizer.swagger.json": { valid: true, version: "2.0", methods: 6 },
  "localstack/tests/aws/files/petstore-swagger.json": { valid: false, error: /Swagger schema validation failed/ },
  "localstack/tests/aws/files/swagger-mock-cors.json": { valid: false, error: /Swagger schema validation failed/ },
  "localstack/tests/aws/files/swagger.json": { valid: true, version: "2.0", methods: 2 },
  "moto/extracted/test_reimport_api_failonwarnings.body.json": {
    valid: true,
    version: "3.0",
    methods: 1,
    warning: /The reference "#\/components\/schemas\/ModelThatDoesNotExist" points to nothing: #\/components/,
  },
  "moto/extracted/test_reimport_api_standard_fields.body.yaml": {
    valid: false,
    error: /API version number must be a string \(e\.g\. "1\.0\.0"\) not a number\. Quote it in the document\./,
  },
  "moto/tests/test_apigateway/resources/petstore-swagger-v3.yaml": { valid: true, version: "3.0", methods: 19 },
  "moto/tests/test_apigateway/resources/test_api.json": { valid: true, version: "3.0", methods: 2 },
  "moto/tests/test_apigateway/resources/test_api.yaml": { valid: true, version: "3.0", methods: 2 },
  "moto/tests/test_apigateway/resources/test_api_integration.yaml": { valid: true, version: "3.0", methods: 2 },
  "moto/tests/test_apigateway/resources/test_api_invalid.json": { valid: false, error: /OpenAPI schema validation failed/ },
  "moto/tests/test_apigateway/resources/test_api_invalid_version.json": {
    valid: false,
    error: /Unsupported OpenAPI version 2\.0\.0: Portico imports OpenAPI 3\.0\.x and 3\.1\.x, and Swagger 2\./,
  },
  "moto/tests/test_apigateway/resources/test_deep_api.yaml": { valid: true, version: "3.0", methods: 1 },
  "oai-openapi-specification/_archive_/schemas/v2.0/schema.json": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/_archive_/schemas/v3.0/schema.yaml": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/examples/v2.0/json/api-with-examples.json": { valid: true, version: "2.0", methods: 2 },
  "oai-openapi-specification/examples/v2.0/json/petstore-expanded.json": { valid: true, version: "2.0", methods: 4 },
  "oai-openapi-specification/examples/v2.0/json/petstore-minimal.json": { valid: true, version: "2.0", methods: 1 },
  "oai-openapi-specification/examples/v2.0/json/petstore-separate/common/Error.json": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/examples/v2.0/json/petstore-separate/spec/NewPet.json": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/examples/v2.0/json/petstore-separate/spec/Pet.json": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/examples/v2.0/json/petstore-separate/spec/parameters.json": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/examples/v2.0/json/petstore-separate/spec/swagger.json": {
    valid: false,
    error: /The reference "parameters\.json#\/tagsParam" points outside this document\. Portico imports s/,
  },
  "oai-openapi-specification/examples/v2.0/json/petstore-simple.json": { valid: true, version: "2.0", methods: 4 },
  "oai-openapi-specification/examples/v2.0/json/petstore-with-external-docs.json": { valid: true, version: "2.0", methods: 4 },
  "oai-openapi-specification/examples/v2.0/json/petstore.json": { valid: true, version: "2.0", methods: 3 },
  "oai-openapi-specification/examples/v2.0/json/uber.json": { valid: true, version: "2.0", methods: 5 },
  "oai-openapi-specification/examples/v2.0/yaml/api-with-examples.yaml": { valid: true, version: "2.0", methods: 2 },
  "oai-openapi-specification/examples/v2.0/yaml/petstore-expanded.yaml": { valid: true, version: "2.0", methods: 4 },
  "oai-openapi-specification/examples/v2.0/yaml/petstore-minimal.yaml": { valid: true, version: "2.0", methods: 1 },
  "oai-openapi-specification/examples/v2.0/yaml/petstore-separate/common/Error.yaml": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/examples/v2.0/yaml/petstore-separate/spec/NewPet.yaml": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/examples/v2.0/yaml/petstore-separate/spec/Pet.yaml": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/examples/v2.0/yaml/petstore-separate/spec/parameters.yaml": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/examples/v2.0/yaml/petstore-separate/spec/swagger.yaml": {
    valid: false,
    error: /The reference "parameters\.yaml#\/tagsParam" points outside this document\. Portico imports s/,
  },
  "oai-openapi-specification/examples/v2.0/yaml/petstore-simple.yaml": { valid: true, version: "2.0", methods: 4 },
  "oai-openapi-specification/examples/v2.0/yaml/petstore-with-external-docs.yaml": { valid: true, version: "2.0", methods: 4 },
  "oai-openapi-specification/examples/v2.0/yaml/petstore.yaml": { valid: true, version: "2.0", methods: 3 },
  "oai-openapi-specification/examples/v2.0/yaml/uber.yaml": { valid: true, version: "2.0", methods: 5 },
  "oai-openapi-specification/examples/v3.0/api-with-examples.json": { valid: true, version: "3.0", methods: 2 },
  "oai-openapi-specification/examples/v3.0/api-with-examples.yaml": { valid: true, version: "3.0", methods: 2 },
  "oai-openapi-specification/examples/v3.0/callback-example.json": { valid: true, version: "3.0", methods: 1 },
  "oai-openapi-specification/examples/v3.0/callback-example.yaml": { valid: true, version: "3.0", methods: 1 },
  "oai-openapi-specification/examples/v3.0/link-example.json": { valid: true, version: "3.0", methods: 6 },
  "oai-openapi-specification/examples/v3.0/link-example.yaml": { valid: true, version: "3.0", methods: 6 },
  "oai-openapi-specification/examples/v3.0/petstore-expanded.json": { valid: true, version: "3.0", methods: 4 },
  "oai-openapi-specification/examples/v3.0/petstore-expanded.yaml": { valid: true, version: "3.0", methods: 4 },
  "oai-openapi-specification/examples/v3.0/petstore.json": { valid: true, version: "3.0", methods: 3 },
  "oai-openapi-specification/examples/v3.0/petstore.yaml": { valid: true, version: "3.0", methods: 3 },
  "oai-openapi-specification/examples/v3.0/uspto.json": { valid: true, version: "3.0", methods: 3 },
  "oai-openapi-specification/examples/v3.0/uspto.yaml": { valid: true, version: "3.0", methods: 3 },
  "oai-openapi-specification/examples/v3.1/non-oauth-scopes.json": { valid: true, version: "3.1", methods: 1 },
  "oai-openapi-specification/examples/v3.1/non-oauth-scopes.yaml": { valid: true, version: "3.1", methods: 1 },
  "oai-openapi-specification/examples/v3.1/webhook-example.json": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/examples/v3.1/webhook-example.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/src/schemas/validation/README.md": { valid: false, error: /The document is not valid YAML/ },
  "oai-openapi-specification/src/schemas/validation/dialect.yaml": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/src/schemas/validation/meta.yaml": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/src/schemas/validation/schema-base.yaml": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/src/schemas/validation/schema.yaml": {
    valid: false,
    error: /The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swa/,
  },
  "oai-openapi-specification/tests/schema/fail/example-examples.yaml": { valid: false, error: /OpenAPI schema validation failed/ },
  "oai-openapi-specification/tests/schema/fail/header-object-allowReserved.yaml": {
    valid: false,
    error: /OpenAPI schema validation failed/,
  },
  "oai-openapi-specification/tests/schema/fail/invalid_schema_types.yaml": { valid: false, error: /OpenAPI schema validation failed/ },
  "oai-openapi-specification/tests/schema/fail/link-object-no-body.yaml": { valid: false, error: /OpenAPI schema validation failed/ },
  "oai-openapi-specification/tests/schema/fail/no_containers.yaml": { valid: false, error: /OpenAPI schema validation failed/ },
  "oai-openapi-specification/tests/schema/fail/parameter-object-cookie-form-allowReserved.yaml": {
    valid: false,
    error: /OpenAPI schema validation failed/,
  },
  "oai-openapi-specification/tests/schema/fail/parameter-object-header-allowReserved.yaml": {
    valid: false,
    error: /OpenAPI schema validation failed/,
  },
  "oai-openapi-specification/tests/schema/fail/parameter-object-path-allowReserved.yaml": {
    valid: false,
    error: /OpenAPI schema validation failed/,
  },
  "oai-openapi-specification/tests/schema/fail/server_enum_empty.yaml": { valid: false, error: /OpenAPI schema validation failed/ },
  "oai-openapi-specification/tests/schema/fail/servers.yaml": { valid: false, error: /OpenAPI schema validation failed/ },
  "oai-openapi-specification/tests/schema/fail/unknown_container.yaml": { valid: false, error: /OpenAPI schema validation failed/ },
  "oai-openapi-specification/tests/schema/pass/callback-object-examples.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/comp_pathitems.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/components-object-example.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/example-object-examples.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/header-object-examples.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/info-object-example.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/info_summary.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/json_schema_dialect.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/license_identifier.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/link-object-examples.yaml": { valid: true, version: "3.1", methods: 2 },
  "oai-openapi-specification/tests/schema/pass/media-type-examples.yaml": { valid: true, version: "3.1", methods: 1 },
  "oai-openapi-specification/tests/schema/pass/mega.yaml": { valid: true, version: "3.1", methods: 1 },
  "oai-openapi-specification/tests/schema/pass/minimal_comp.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/minimal_hooks.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/minimal_paths.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/non-oauth-scopes.yaml": { valid: true, version: "3.1", methods: 1 },
  "oai-openapi-specification/tests/schema/pass/operation-object-example.yaml": {
    valid: true,
    version: "3.1",
    methods: 1,
    warning: /\/paths\/pets\/\{id\}\/put has a path parameter named "petId", but there is no corresponding \{pe/,
  },
  "oai-openapi-specification/tests/schema/pass/parameter-object-examples.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/parameter-object-query-allowReserved.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/path-item-object-example.yaml": { valid: true, version: "3.1", methods: 1 },
  "oai-openapi-specification/tests/schema/pass/path_item_servers_parameters.yaml": { valid: true, version: "3.1", methods: 6 },
  "oai-openapi-specification/tests/schema/pass/path_no_response.yaml": { valid: true, version: "3.1", methods: 1 },
  "oai-openapi-specification/tests/schema/pass/path_var_empty_pathitem.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/paths-object-example.yaml": { valid: true, version: "3.1", methods: 1 },
  "oai-openapi-specification/tests/schema/pass/request-body-examples.yaml": { valid: true, version: "3.1", methods: 1 },
  "oai-openapi-specification/tests/schema/pass/response-object-examples.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/schema-object-deprecated-example-keyword.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/schema.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/security-scheme-object-examples.yaml": {
    valid: false,
    error: /The reference "https:\/\/example\.com\/api\/openapi\.json#\/components\/externalDocs\/ThingExternal/,
  },
  "oai-openapi-specification/tests/schema/pass/servers.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/specification-extensions.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/style-defaults.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/tag-object-example.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/valid_schema_types.yaml": { valid: true, version: "3.1", methods: 0 },
  "oai-openapi-specification/tests/schema/pass/webhook-example.yaml": { valid: true, version: "3.1", methods: 0 },
  "slack-api-specs/web-api/slack_web_openapi_v2.json": { valid: true, version: "2.0", methods: 174 },
  "twilio-oai/spec/json/twilio_api_v2010.json": { valid: true, version: "3.0", methods: 197 },
};
