// The explicit list of every command. Adding a command means adding it here.
import type { Command } from './define.js';
import { digestCommand } from './digest.js';
import { createHelpCommand } from './help.js';
import { latestCommand } from './latest.js';
import { meetingsCommand, nextMeetingCommand } from './next-meeting.js';
import { searchCommand } from './search.js';
import { sourcesCommand } from './sources.js';
import { tagsCommand } from './tags.js';
import { watchCommand } from './watch.js';

export const commands: Command[] = [];
commands.push(
  createHelpCommand(() => commands),
  nextMeetingCommand,
  meetingsCommand,
  latestCommand,
  searchCommand,
  watchCommand,
  digestCommand,
  sourcesCommand,
  tagsCommand,
);
