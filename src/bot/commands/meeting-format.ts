// How a meeting reads in command answers. The rules live in core/meetings (reminders and the
// calendar use them too); this file keeps the names the commands import.
export {
  daysUntil,
  deadlineName,
  formatDeadline,
  formatMeetingWhen,
  formatOrganiserWhen,
  formatReaderWhen,
  inDays,
} from '../../core/meetings/format.js';
export { meetingEndMs, meetingStartMs } from '../../core/meetings/time.js';
