export { startFakeDiscord } from './server.js';
export type {
  FakeChannelInput,
  FakeDiscord,
  FakeDiscordOptions,
  FakeFault,
  FakeGuildInput,
  FakeRoleInput,
  FaultMatch,
  InteractionCallbackRecord,
  InteractionInput,
  InteractionOutcome,
  MessageEdit,
  RecordedMessage,
  RecordedRequest,
} from './types.js';
