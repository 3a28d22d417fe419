import type { FakeGateway } from './gateway.js';
import type { InteractionRegistry } from './interactions.js';
import type { FakeDiscordState } from './state.js';

/** What the REST route handlers share. */
export interface RestContext {
  state: FakeDiscordState;
  interactions: InteractionRegistry;
  gateway: FakeGateway;
  gatewayUrl: () => string;
}
