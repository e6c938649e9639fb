import type { components } from '@/api/schema';

type Schemas = components['schemas'];

/** The messaging contract's shapes, by the names this feature uses (generated from api/openapi.json). */
export type PersonRef = Schemas['Person'];
export type ThreadSummary = Schemas['ThreadSummary'];
export type ThreadDetail = Schemas['ThreadDetail'];
export type ThreadMessage = Schemas['MessageView'];
export type StartThreadRequest = Schemas['StartThreadRequest'];
export type Commission = Schemas['Commission'];
export type BoardTopicSummary = Schemas['BoardTopicSummary'];
export type BoardTopicDetail = Schemas['BoardTopicDetail'];
export type MessageReport = Schemas['AdminMessageReport'];
