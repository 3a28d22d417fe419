// Subscriptions that live in this process only (the terminal, when no chat
// platform is configured) layered over the stored ones.
import type { SubscriptionStore } from '../core/ports.js';
import type { Subscription } from '../core/types.js';

export function withVirtualSubscriptions(store: SubscriptionStore, virtual: Subscription[]): SubscriptionStore {
  if (virtual.length === 0) return store;
  const byId = new Map(virtual.map((s) => [s.id, s]));
  return {
    ...store,
    async get(id) {
      return byId.get(id) ?? store.get(id);
    },
    async update(sub) {
      if (byId.has(sub.id)) byId.set(sub.id, sub);
      else await store.update(sub);
    },
    async all() {
      return [...byId.values(), ...(await store.all())];
    },
  };
}
