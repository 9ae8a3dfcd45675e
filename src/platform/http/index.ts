export {
  createHttpApp,
  apiPrefixes,
  type HttpApp,
  type HttpAppOptions,
  type RouteMount,
  type SurfaceSettings,
  type RegisteredRoute,
} from './app.js';
export { httpStatusFor, problemFor, sendProblem, toAppError, type Problem } from './problem.js';
export { type ReadinessCheck } from './health.routes.js';
export { createOpsApp, type OpsApp, type OpsAppOptions } from './ops-app.js';
export { problemSchema } from './schemas.js';
export {
  sortParams,
  toSort,
  totalQueryParam,
  listTotalSchema,
  encodeCursorFields,
  decodeCursorFields,
  type SortParam,
} from './list-query.js';
export {
  drain,
  isMultipartForm,
  MultipartError,
  readMultipartForm,
  type MultipartLimits,
  type MultipartPart,
} from './multipart-form.js';
export { answerBeforeBodyEnds } from './early-answer.js';
