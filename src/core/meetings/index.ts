// Meetings: merging, time handling, formatting, reminders and the calendar writer.
export * from './format.js';
export * from './ics-writer.js';
export * from './merge.js';
export * from './query.js';
export * from './reminder-message.js';
export * from './reminders.js';
export * from './time.js';
