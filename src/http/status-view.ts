// The status page as a pure function of what it shows: server-rendered HTML,
// every value escaped, links only http(s), no script, readable on a phone.
import type { Item, Meeting, Source, SourceHealth } from '../core/types.js';
import { formatMeetingWhen } from '../bot/commands/meeting-format.js';
import { escapeHtml as h, safeHttpUrl } from './escape.js';
import type { QueueCounts } from '../metrics.js';

export type SourceState = 'ok' | 'failing' | 'degraded' | 'paused' | 'not polled yet';

export interface StatusView {
  title: string;
  version?: string;
  now: Date;
  timeZone: string;
  /** undefined: that part could not be read (Redis unreachable…). */
  sources?: { source: Source; health?: SourceHealth }[];
  items?: Item[];
  meetings?: { meeting: Meeting; groupName: string }[];
  queues?: QueueCounts;
  tagLabels: ReadonlyMap<string, string>;
  sourceNames: ReadonlyMap<string, string>;
}

export function sourceState(source: Source, health: SourceHealth | undefined): SourceState {
  if (source.paused) return 'paused';
  if (!health || (!health.lastSuccess && !health.lastError)) return 'not polled yet';
  if (!health.healthy) return 'failing';
  return health.consecutiveFailures > 0 ? 'degraded' : 'ok';
}

/** "3 min ago", "2 h ago", "5 days ago" — with the exact time in a title attribute. */
export function ago(iso: string | undefined, now: Date): string {
  if (!iso) return 'never';
  const ms = now.getTime() - Date.parse(iso);
  if (!Number.isFinite(ms)) return 'unknown';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

function time(iso: string | undefined, now: Date): string {
  return iso ? `<time datetime="${h(iso)}" title="${h(iso)}">${h(ago(iso, now))}</time>` : 'never';
}

function link(url: string | undefined, text: string): string {
  const safe = safeHttpUrl(url);
  return safe ? `<a href="${h(safe)}" rel="noopener noreferrer">${h(text)}</a>` : h(text);
}

const unavailable = '<p class="muted">Not available right now (see /readyz).</p>';

function sourcesSection(view: StatusView): string {
  if (!view.sources) return unavailable;
  if (view.sources.length === 0) return '<p class="muted">No sources configured.</p>';
  const failing = view.sources.filter(({ source, health }) => sourceState(source, health) === 'failing').length;
  const rows = view.sources.map(({ source, health }) => {
    const state = sourceState(source, health);
    const error = health?.lastError && state !== 'ok' ? `<div class="err">${h(health.lastError.kind)}: ${h(health.lastError.message)} (${time(health.lastError.at, view.now)})</div>` : '';
    return `<tr class="source state-${state.replace(/ /g, '-')}" data-source="${h(source.id)}" data-state="${h(state)}">
<td>${link(source.url, source.title ?? source.id)}<div class="muted">${h(source.id)} · ${h(source.kind)}</div>${error}</td>
<td><span class="badge">${h(state)}</span>${health && health.consecutiveFailures > 0 ? `<div class="muted">${health.consecutiveFailures} failed in a row</div>` : ''}</td>
<td>${time(health?.lastSuccess, view.now)}</td>
<td class="num">${health?.itemsSeen ?? 0}</td></tr>`;
  });
  const summary = failing > 0 ? `<p class="alert" role="alert">${failing} source${failing === 1 ? ' is' : 's are'} failing.</p>` : '';
  return `${summary}<div class="scroll"><table><thead><tr><th>Source</th><th>Health</th><th>Last success</th><th class="num">Items</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

function itemsSection(view: StatusView): string {
  if (!view.items) return unavailable;
  if (view.items.length === 0) return '<p class="muted">No items yet.</p>';
  const rows = view.items.map((item) => {
    const tags = item.tags.map((t) => `<span class="tag" title="${h(view.tagLabels.get(t) ?? t)}">${h(t)}</span>`).join(' ');
    return `<li class="item">${link(item.url, item.title || '(untitled)')}<div class="muted">${h(view.sourceNames.get(item.sourceId) ?? item.sourceId)} · ${time(item.published, view.now)}</div>${tags ? `<div>${tags}</div>` : ''}</li>`;
  });
  return `<ul class="items">${rows.join('\n')}</ul>`;
}

function meetingsSection(view: StatusView): string {
  if (!view.meetings) return unavailable;
  if (view.meetings.length === 0) return '<p class="muted">No upcoming meetings known.</p>';
  const rows = view.meetings.map(({ meeting, groupName }) => {
    const due = meeting.deadlines.map((d) => `<div class="muted">${h(d.kind)} due ${h(d.at.slice(0, 16).replace('T', ' '))}</div>`).join('');
    return `<li class="meeting"><strong>${h(groupName)}</strong> — ${link(meeting.url, meeting.title)}<div>${h(formatMeetingWhen(meeting, view.timeZone))}${meeting.location ? ` · ${h(meeting.location)}` : ''}</div>${due}</li>`;
  });
  return `<ul class="meetings">${rows.join('\n')}</ul>`;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

function queuesSection(view: StatusView): string {
  if (!view.queues) return unavailable;
  const rows = Object.entries(view.queues).map(
    ([queue, counts]) => `<tr data-queue="${h(queue)}"><td>${h(queue)}</td>${QUEUE_STATES.map((s) => `<td class="num">${counts[s] ?? 0}</td>`).join('')}</tr>`,
  );
  return `<div class="scroll"><table><thead><tr><th>Queue</th>${QUEUE_STATES.map((s) => `<th class="num">${s}</th>`).join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:60rem;padding:0 .75rem 2rem;line-height:1.45;color:#1b1b1b;background:#fff}
h1{font-size:1.4rem;margin:1rem 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ddd}
a{color:#0645ad}.muted{color:#666;font-size:.85rem}.err{color:#a40000;font-size:.85rem;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #eee;vertical-align:top}
.num{text-align:right}.scroll{overflow-x:auto}.badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;font-size:.8rem;background:#e6f4ea;color:#137333;white-space:nowrap}
.state-failing .badge{background:#fce8e6;color:#a50e0e}.state-degraded .badge{background:#fef7e0;color:#8a5a00}.state-paused .badge,.state-not-polled-yet .badge{background:#eee;color:#555}
.alert{background:#fce8e6;color:#a50e0e;padding:.5rem .75rem;border-radius:.3rem}
ul{padding-left:1.1rem}li{margin:.4rem 0}.tag{display:inline-block;font-size:.75rem;background:#eef;color:#334;border-radius:.3rem;padding:0 .3rem;margin-right:.2rem}
footer{margin-top:2rem}@media (prefers-color-scheme:dark){body{background:#121212;color:#e6e6e6}a{color:#8ab4f8}.muted{color:#aaa}th,td{border-color:#333}h2{border-color:#444}.tag{background:#2a2a40;color:#dde}}`;

export function renderStatusPage(view: StatusView): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(view.title)} — status</title>
<link rel="icon" href="data:,">
<link rel="alternate" type="application/atom+xml" title="${h(view.title)}" href="/feed.xml">
<style>${CSS}</style>
</head>
<body>
<header><h1>${h(view.title)}</h1><p class="muted">Status at <time datetime="${h(view.now.toISOString())}">${h(view.now.toISOString().slice(0, 16).replace('T', ' '))} UTC</time>${view.version ? ` · version ${h(view.version)}` : ''}</p></header>
<main>
<section id="sources"><h2>Sources</h2>${sourcesSection(view)}</section>
<section id="items"><h2>Recent items</h2>${itemsSection(view)}</section>
<section id="meetings"><h2>Upcoming meetings</h2>${meetingsSection(view)}</section>
<section id="queues"><h2>Queues</h2>${queuesSection(view)}</section>
</main>
<footer class="muted"><a href="/feed.xml">Atom feed</a> · <a href="/meetings.ics">meetings calendar</a> · <a href="/metrics">metrics</a> · <a href="/readyz">readiness</a></footer>
</body>
</html>
`;
}
