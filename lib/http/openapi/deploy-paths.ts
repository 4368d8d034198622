import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";

import { apiParamsSchema } from "@/lib/schemas/api";
import {
  createDeploymentBodySchema,
  DefinitionDiffSchema,
  DeploymentListSchema,
  deploymentParamsSchema,
  DeploymentResultSchema,
  DeploymentSchema,
  diffQuerySchema,
  listDeploymentsQuerySchema,
} from "@/lib/schemas/deployment";
import {
  promoteStageBodySchema,
  rollbackStageBodySchema,
  StageChangeResultSchema,
  StageDiffSchema,
  listStagesQuerySchema,
  StageListSchema,
  stageParamsSchema,
  StageSchema,
  testInvokeBodySchema,
  TestInvokeResultSchema,
  updateStageBodySchema,
} from "@/lib/schemas/stage";

import {
  GatewayNodeListSchema,
  GatewayStateSchema,
  heartbeatBodySchema,
  listNodesQuerySchema,
  nodeParamsSchema,
  registerNodeBodySchema,
  RegisterNodeResultSchema,
} from "@/lib/schemas/node";

import { BODY_ERRORS, errors, jsonBody, ok } from "./responses";

// Deploying an API and managing its stages.

const stageChanged = (description: string) => ok("200", description, StageChangeResultSchema);

export const deployPaths: ZodOpenApiPathsObject = {
  "/apis/{apiId}/deployments": {
    get: {
      operationId: "listDeployments",
      tags: ["Deployments"],
      summary: "List an API's deployments, newest first",
      requestParams: { path: apiParamsSchema, query: listDeploymentsQuerySchema },
      responses: { ...ok("200", "A page of the API's deployments.", DeploymentListSchema), ...errors("404", "422") },
    },
    post: {
      operationId: "createDeployment",
      tags: ["Deployments"],
      summary: "Deploy the API's current definition to a stage; answers once every node acknowledged or timed out",
      requestParams: { path: apiParamsSchema },
      requestBody: jsonBody(createDeploymentBodySchema),
      responses: {
        ...ok("201", "The deployment and each node's result.", DeploymentResultSchema),
        ...errors("404", "409", ...BODY_ERRORS),
      },
    },
  },
  "/apis/{apiId}/deployments/{deploymentId}": {
    get: {
      operationId: "getDeployment",
      tags: ["Deployments"],
      summary: "Get a deployment",
      requestParams: { path: deploymentParamsSchema },
      responses: { ...ok("200", "The deployment.", z.object({ deployment: DeploymentSchema })), ...errors("404") },
    },
  },
  "/apis/{apiId}/deployments/diff": {
    get: {
      operationId: "diffDeployments",
      tags: ["Deployments"],
      summary: "Compare two deployments, or a deployment with the current definition",
      requestParams: { path: apiParamsSchema, query: diffQuerySchema },
      responses: { ...ok("200", "The differences by route.", z.object({ diff: DefinitionDiffSchema })), ...errors("404", "422") },
    },
  },
  "/apis/{apiId}/stages": {
    get: {
      operationId: "listStages",
      tags: ["Stages"],
      summary: "List an API's stages by name",
      requestParams: { path: apiParamsSchema, query: listStagesQuerySchema },
      responses: { ...ok("200", "A page of the API's stages.", StageListSchema), ...errors("404", "422") },
    },
  },
  "/apis/{apiId}/stages/{stageName}": {
    get: {
      operationId: "getStage",
      tags: ["Stages"],
      summary: "Get a stage",
      requestParams: { path: stageParamsSchema },
      responses: { ...ok("200", "The stage.", z.object({ stage: StageSchema })), ...errors("404") },
    },
    patch: {
      operationId: "updateStage",
      tags: ["Stages"],
      summary: "Change a stage's settings (variables, throttling, description)",
      requestParams: { path: stageParamsSchema },
      requestBody: jsonBody(updateStageBodySchema),
      responses: { ...stageChanged("The stage and each node's result."), ...errors("404", ...BODY_ERRORS) },
    },
  },
  "/apis/{apiId}/stages/{stageName}/promote": {
    post: {
      operationId: "promoteStage",
      tags: ["Stages"],
      summary: "Point another stage at this stage's deployment",
      requestParams: { path: stageParamsSchema },
      requestBody: jsonBody(promoteStageBodySchema),
      responses: { ...stageChanged("The target stage and each node's result."), ...errors("404", "409", ...BODY_ERRORS) },
    },
  },
  "/apis/{apiId}/stages/{stageName}/rollback": {
    post: {
      operationId: "rollbackStage",
      tags: ["Stages"],
      summary: "Point the stage at an older deployment",
      requestParams: { path: stageParamsSchema },
      requestBody: jsonBody(rollbackStageBodySchema),
      responses: { ...stageChanged("The stage and each node's result."), ...errors("404", "409", ...BODY_ERRORS) },
    },
  },
  "/apis/{apiId}/stages/{stageName}/canary": {
    delete: {
      operationId: "discardCanary",
      tags: ["Stages"],
      summary: "Discard the stage's canary",
      requestParams: { path: stageParamsSchema },
      responses: { ...stageChanged("The stage without its canary, and each node's result."), ...errors("404", "409") },
    },
  },
  "/apis/{apiId}/stages/{stageName}/canary/promote": {
    post: {
      operationId: "promoteCanary",
      tags: ["Stages"],
      summary: "Make the canary deployment the stage's deployment",
      requestParams: { path: stageParamsSchema },
      responses: { ...stageChanged("The stage and each node's result."), ...errors("404", "409") },
    },
  },
  "/apis/{apiId}/stages/{stageName}/push": {
    post: {
      operationId: "pushStage",
      tags: ["Stages"],
      summary: "Push the stage to every gateway node again (for nodes that failed or timed out)",
      requestParams: { path: stageParamsSchema },
      responses: { ...stageChanged("The stage and each node's result."), ...errors("404") },
    },
  },
  "/apis/{apiId}/stages/{stageName}/diff": {
    get: {
      operationId: "diffStage",
      tags: ["Stages"],
      summary: "What the current definition would change on this stage if deployed",
      requestParams: { path: stageParamsSchema },
      responses: { ...ok("200", "The undeployed changes.", StageDiffSchema), ...errors("404") },
    },
  },
  "/apis/{apiId}/stages/{stageName}/test-invoke": {
    post: {
      operationId: "testInvokeStage",
      tags: ["Stages"],
      summary: "Send one request through a gateway node to the stage and return the answer",
      requestParams: { path: stageParamsSchema },
      requestBody: jsonBody(testInvokeBodySchema),
      responses: { ...ok("200", "The gateway's answer.", z.object({ result: TestInvokeResultSchema })), ...errors("404", ...BODY_ERRORS) },
    },
  },
  "/nodes": {
    get: {
      operationId: "listGatewayNodes",
      tags: ["Gateway nodes"],
      summary: "Gateway nodes with the hash each serves per stage, compared with what it should serve",
      requestParams: { query: listNodesQuerySchema },
      responses: { ...ok("200", "A page of the known nodes, by name.", GatewayNodeListSchema), ...errors("422") },
    },
  },
  "/nodes/{nodeId}": {
    delete: {
      operationId: "deleteGatewayNode",
      tags: ["Gateway nodes"],
      summary: "Remove a registered node and its admin token (admins)",
      requestParams: { path: nodeParamsSchema },
      responses: { "204": { description: "Removed; it is sent nothing more." }, ...errors("404", "409") },
    },
  },
  "/nodes/{nodeId}/approve": {
    post: {
      operationId: "approveGatewayNode",
      tags: ["Gateway nodes"],
      summary: "Let a node that registered with the token serve (admins)",
      requestParams: { path: nodeParamsSchema },
      responses: { "204": { description: "Approved; it is pushed to and may pull the state." }, ...errors("404", "409") },
    },
  },
  "/gateway/register": {
    post: {
      operationId: "registerGatewayNode",
      tags: ["Gateway nodes"],
      summary: "A gateway node registers itself (Authorization: Bearer <GATEWAY_REGISTRATION_TOKEN>)",
      requestBody: jsonBody(registerNodeBodySchema),
      responses: {
        ...ok("201", "The node's id and the heartbeat interval.", RegisterNodeResultSchema),
        ...errors("401", "403", "404", ...BODY_ERRORS),
      },
    },
  },
  "/gateway/heartbeat": {
    post: {
      operationId: "gatewayNodeHeartbeat",
      tags: ["Gateway nodes"],
      summary: "A registered node reports it is alive; the answer's stateHash tells it whether to pull",
      requestBody: jsonBody(heartbeatBodySchema),
      responses: {
        ...ok("200", "The hash of the expected state.", z.object({ stateHash: z.string() })),
        ...errors("401", "404", ...BODY_ERRORS),
      },
    },
  },
  "/gateway/state": {
    get: {
      operationId: "getGatewayState",
      tags: ["Gateway nodes"],
      summary: "Everything a node should serve: every stage's snapshot and the consumers document",
      responses: { ...ok("200", "The full state.", GatewayStateSchema), ...errors("401", "404") },
    },
  },
};
