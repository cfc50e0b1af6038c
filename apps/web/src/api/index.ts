export { api, ApiClient, ApiError, errorFromResponse, filenameFromDisposition, queryString, UNAUTHORISED, UNREACHABLE, type DownloadedFile, type Problem, type RequestOptions } from './client.js';
export { applyFeedPayload, applySnapshot, EMPTY_FEED, mergeEvents, type DrillFeedState } from './drill-feed.js';
export { useApi, useDrillFeed, useRealtimeConnected, type ApiResult, type DrillFeed } from './hooks.js';
export { captureCredentials, credentialsFromHash, currentSession, isFacilitator, landingHash, type Session } from './session.js';
export { realtime, RealtimeClient, reconnectDelay, type FeedMessage, type SubscriptionHandlers, type Topic } from './ws.js';
export * from './types.js';
export * from './gameday-types.js';
