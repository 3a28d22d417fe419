/** The server-default push rule set a Synapse user starts with, as `GET /pushrules/` returns it. */
import { localpartOf } from './state.js';

type Condition = Record<string, unknown>;
type Action = string | Record<string, unknown>;

const NOTIFY_HIGHLIGHT_SOUND: Action[] = ['notify', { set_tweak: 'sound', value: 'default' }, { set_tweak: 'highlight' }];
const NOTIFY_HIGHLIGHT: Action[] = ['notify', { set_tweak: 'highlight' }];
const NOTIFY_SOUND_NO_HIGHLIGHT: Action[] = ['notify', { set_tweak: 'sound', value: 'default' }, { set_tweak: 'highlight', value: false }];

const eventMatch = (key: string, pattern: string): Condition => ({ kind: 'event_match', key, pattern });

function rule(ruleId: string, conditions: Condition[], actions: Action[], enabled = true): Record<string, unknown> {
  return { rule_id: ruleId, default: true, enabled, conditions, actions };
}

export function defaultPushRules(userId: string): { global: Record<string, unknown[]> } {
  return {
    global: {
      override: [
        rule('.m.rule.master', [], [], false),
        rule('.m.rule.suppress_notices', [eventMatch('content.msgtype', 'm.notice')], []),
        rule(
          '.m.rule.invite_for_me',
          [eventMatch('type', 'm.room.member'), eventMatch('content.membership', 'invite'), eventMatch('state_key', userId)],
          ['notify', { set_tweak: 'sound', value: 'default' }, { set_tweak: 'highlight', value: false }],
        ),
        rule('.m.rule.member_event', [eventMatch('type', 'm.room.member')], []),
        rule(
          '.m.rule.is_user_mention',
          [{ kind: 'event_property_contains', key: 'content.m\\.mentions.user_ids', value: userId }],
          NOTIFY_HIGHLIGHT_SOUND,
        ),
        rule('.m.rule.contains_display_name', [{ kind: 'contains_display_name' }], NOTIFY_HIGHLIGHT_SOUND),
        rule(
          '.m.rule.is_room_mention',
          [{ kind: 'event_property_is', key: 'content.m\\.mentions.room', value: true }, { kind: 'sender_notification_permission', key: 'room' }],
          NOTIFY_HIGHLIGHT,
        ),
        rule('.m.rule.roomnotif', [{ kind: 'sender_notification_permission', key: 'room' }, eventMatch('content.body', '@room')], NOTIFY_HIGHLIGHT),
        rule('.m.rule.tombstone', [eventMatch('type', 'm.room.tombstone'), eventMatch('state_key', '')], NOTIFY_HIGHLIGHT),
        rule('.m.rule.reaction', [eventMatch('type', 'm.reaction')], []),
        rule('.m.rule.room.server_acl', [eventMatch('type', 'm.room.server_acl'), eventMatch('state_key', '')], []),
        rule('.org.matrix.msc3786.rule.room.server_acl', [eventMatch('type', 'm.room.server_acl'), eventMatch('state_key', '')], []),
        rule('.m.rule.suppress_edits', [{ kind: 'event_property_is', key: 'content.m\\.relates_to.rel_type', value: 'm.replace' }], []),
      ],
      content: [
        rule('.m.rule.contains_user_name', [], NOTIFY_HIGHLIGHT_SOUND),
      ].map((r) => ({ ...r, pattern: localpartOf(userId) })),
      room: [],
      sender: [],
      underride: [
        rule('.m.rule.call', [eventMatch('type', 'm.call.invite')], ['notify', { set_tweak: 'sound', value: 'ring' }, { set_tweak: 'highlight', value: false }]),
        rule('.org.matrix.msc3914.rule.room.call', [eventMatch('type', 'org.matrix.msc3401.call'), { kind: 'call_started' }], ['notify', { set_tweak: 'sound', value: 'default' }]),
        rule('.m.rule.encrypted_room_one_to_one', [eventMatch('type', 'm.room.encrypted'), { kind: 'room_member_count', is: '2' }], NOTIFY_SOUND_NO_HIGHLIGHT),
        rule('.m.rule.room_one_to_one', [eventMatch('type', 'm.room.message'), { kind: 'room_member_count', is: '2' }], NOTIFY_SOUND_NO_HIGHLIGHT),
        rule('.m.rule.message', [eventMatch('type', 'm.room.message')], ['notify', { set_tweak: 'highlight', value: false }]),
        rule('.m.rule.encrypted', [eventMatch('type', 'm.room.encrypted')], ['notify', { set_tweak: 'highlight', value: false }]),
      ],
    },
  };
}
