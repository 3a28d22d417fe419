// Every Redis key the store uses, in one place, under the installation's prefix.
// With Redis Cluster, give a hash-tagged prefix such as {sw} so multi-key
// commands stay on one slot.

export type Keys = ReturnType<typeof createKeys>;

export function createKeys(prefix: string) {
  const k = (...parts: string[]) => [prefix, ...parts].join(':');
  return {
    prefix,
    item: (id: string) => k('item', id),
    itemsByTime: k('items', 'time'),
    itemsByTag: (tag: string) => k('items', 'tag', tag),
    itemsByGroup: (group: string) => k('items', 'group', group),
    itemsBySource: (sourceId: string) => k('items', 'source', sourceId),
    pendingEnrich: (sourceId: string) => k('items', 'pending', sourceId),
    word: (word: string) => k('words', word),
    health: k('health'),
    subscription: (id: string) => k('sub', id),
    subscriptions: k('subs'),
    subscriptionsVersion: k('subs', 'version'),
    subscriptionsByTarget: (platform: string, target: string) => k('subs', 'target', platform, target),
    delivery: (subscriptionId: string, key: string) => k('delivery', subscriptionId, key),
    storyPost: (platform: string, target: string, storyId: string) => k('storypost', platform, target, storyId),
    storyLock: k('story', 'lock'),
    storyPostLock: (platform: string, target: string, storyId: string) => k('storypost-lock', platform, target, storyId),
    storySignature: (itemId: string) => k('story', 'sig', itemId),
    storyBand: (band: string) => k('story', 'band', band),
    meetingsOrigin: (origin: string) => k('meetings', 'origin', origin),
    meetingsOrigins: k('meetings', 'origins'),
    runtimeSources: k('sources', 'runtime'),
    sourcesVersion: k('sources', 'version'),
  };
}
