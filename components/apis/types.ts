// The shapes the console reads from /api/v1 come from the API's own schemas
// (lib/schemas); only the form-side types live here.
import type { ApiDto } from "@/lib/schemas/api";
import type { MethodDto, RequestParameter } from "@/lib/schemas/method";
import type { ModelDto } from "@/lib/schemas/model";
import type { ResourceDetailDto, ResourceSummaryDto } from "@/lib/schemas/resource";

export { HTTP_METHODS, UPSTREAM_HTTP_METHODS } from "@/lib/schemas/method";
export type { HttpMethod } from "@/lib/schemas/method";
export type { Page } from "@/lib/schemas/common";

export type ApiSummary = ApiDto;
export type ResourceSummary = ResourceSummaryDto;
export type ResourceDetail = ResourceDetailDto;
export type Method = MethodDto;
export type ApiModel = ModelDto;

export type ParameterLocation = RequestParameter["in"];
export type AuthorizationType = MethodDto["authorizationType"];
export type RequestValidator = MethodDto["requestValidator"];
export type IntegrationType = "HTTP_PROXY" | "HTTP" | "MOCK" | "AWS" | "AWS_PROXY";
export type IntegrationResponseInput = {
  statusCode: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  contentHandling?: string;
};
export type MockResponse = { statusCode: number; headers: Record<string, string>; body: string };

/** What the method form sends when creating (with httpMethod) or updating a method. */
export type MethodInput = {
  httpMethod: string;
  authorizationType: AuthorizationType;
  authorizerId: string | null;
  authorizationScopes: string[];
  apiKeyRequired: boolean;
  requestParameters: Array<{ in: ParameterLocation; name: string; required: boolean }>;
  requestModelId: string | null;
  requestValidator: RequestValidator;
  integration: {
    type: IntegrationType;
    httpMethod?: string;
    uri?: string;
    timeoutMs?: number;
    mockResponse?: MockResponse;
    requestParameters?: Record<string, string>;
    requestTemplates?: Record<string, string>;
    passthroughBehavior?: string;
    contentHandling?: string;
    responses?: Record<string, IntegrationResponseInput>;
    payloadFormatVersion?: string;
    parameterMapping?: Record<string, string>;
  };
};
