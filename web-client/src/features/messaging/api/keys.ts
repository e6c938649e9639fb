/** Query keys of the messaging feature; everything below `messagingKey` is refreshed after a write. */
export const messagingKey = ['messaging'] as const;
export const threadsKey = [...messagingKey, 'threads'] as const;
export const threadKey = (id: string) => [...messagingKey, 'thread', id] as const;
export const unreadKey = [...messagingKey, 'unread'] as const;
export const boardTopicsKey = [...messagingKey, 'board'] as const;
export const boardTopicKey = (id: string) => [...messagingKey, 'board-topic', id] as const;
export const blocksKey = [...messagingKey, 'blocks'] as const;
export const reportsKey = [...messagingKey, 'reports'] as const;
