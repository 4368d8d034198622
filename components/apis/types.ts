// The shapes the console reads from /api/v1, as the browser sees them
// (dates arrive as ISO strings).

export type ApiSummary = {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ResourceSummary = {
  id: string;
  parentId: string | null;
  pathPart: string;
  path: string;
  methods: string[];
};

export type ParameterLocation = "path" | "querystring" | "header";
export type RequestParameter = { in: ParameterLocation; name: string; required: boolean };

export type AuthorizationType = "NONE" | "API_KEY";
export type RequestValidator = "NONE" | "BODY" | "PARAMS" | "BODY_AND_PARAMS";
export type IntegrationType = "HTTP_PROXY" | "HTTP" | "MOCK";

export type MockResponse = { statusCode: number; headers: Record<string, string>; body: string };

export type Integration = {
  type: IntegrationType | "AWS" | "AWS_PROXY";
  httpMethod?: string | null;
  uri?: string | null;
  timeoutMs?: number | null;
  mockResponse?: MockResponse | null;
};

export type Method = {
  httpMethod: string;
  authorizationType: AuthorizationType | "JWT";
  apiKeyRequired: boolean;
  requestParameters: RequestParameter[];
  requestModelId: string | null;
  requestValidator: RequestValidator;
  integration: Integration | null;
};

export type ResourceDetail = Omit<ResourceSummary, "methods"> & { methods: Method[] };

export type ApiModel = { id: string; name: string; description?: string; contentType?: string };

/** What the method form sends when creating or updating a method. */
export type MethodInput = {
  httpMethod: string;
  authorizationType: AuthorizationType;
  apiKeyRequired: boolean;
  requestParameters: RequestParameter[];
  requestModelId: string | null;
  requestValidator: RequestValidator;
  integration: {
    type: IntegrationType;
    httpMethod?: string;
    uri?: string;
    timeoutMs?: number;
    mockResponse?: MockResponse;
  };
};
