// Every selector and pattern the ITU-T page reader depends on, in one place.
// When itu.int changes its markup, this file (and the fixtures in test/fixtures/feeds/itu-*.html)
// is the one fix. The reader throws ParseError 'layout-changed' rather than return nothing when
// none of these structures is found.

/**
 * Meetings: the ITU "Calendar of Events" SharePoint list view, as embedded in group pages and at
 * https://www.itu.int/en/events/Pages/Calendar-Events.aspx — each data row has exactly 9
 * `td.ms-vb` cells. Event-Details links carry `eventid=NNN`.
 */
export const MEETINGS = {
  row: 'tr',
  cell: 'td.ms-vb',
  cellCount: 9,
  columns: {
    /** Number, linking to /en/events/Pages/Event-Details.aspx?eventid=NNN */
    details: 0,
    /** iCal link */
    ical: 1,
    /** YYYY-MM-DD */
    start: 2,
    /** YYYY-MM-DD, the last day (inclusive) */
    end: 3,
    /** ITU-T / ITU-D / ITU-R */
    sector: 4,
    /** group acronym, optionally linked */
    group: 5,
    title: 6,
    place: 7,
    /** Confirmed / Planned / Cancelled */
    status: 8,
  },
  eventIdParam: 'eventid',
  cancelled: /cancel/i,
  planned: /planned|tentative|tbc|tbd/i,
} as const;

/** ITU headquarters' zone: the organiser's zone for ITU meetings known only by their dates. */
export const ITU_TIME_ZONE = 'Europe/Zurich';

/**
 * News / announcements: a heading whose text says news, followed (as sibling, or inside the same
 * SharePoint web part) by a list of links. Each `li` is one item; a date in its text is the date.
 */
export const NEWS = {
  heading: 'h1, h2, h3, h4, .ms-rteElement-H1, .ms-rteElement-H2, .ms-rteElement-H2B, .ms-rteElement-H3, .ms-webpart-titleText',
  headingText: /\b(news|announcements?|highlights|what'?s new|latest)\b/i,
  list: 'ul, ol',
  item: 'li',
  link: 'a[href]',
  /** How many siblings after the heading to search for the list. */
  maxSiblings: 4,
  /** Dates as ITU writes them inside list items. */
  date: /\b(\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4})\b/i,
} as const;

/**
 * Documents / deliverables: a table whose rows carry a document number (FGMV-01, Y.3000, X.1250,
 * TR.xyz…), with the type in the cell before it and the title in the cell after it, a PDF link and an
 * approval month ("July 2023"). A first cell spanning rows (the working group, e.g.
 * "WG1 - General") is carried down to the rows it spans.
 */
export const DELIVERABLES = {
  table: 'table',
  row: 'tr',
  cell: 'td',
  number: /^(?:FG[A-Z0-9]*-[A-Z0-9.-]*\d[A-Z0-9.-]*|[A-Z]{1,3}\.\d{1,4}(?:\.\d+)*(?:\/[A-Z]\.\d+)?|[A-Z]{2,}(?:-[A-Z0-9.]+)*-\d+(?:[.-][A-Z0-9]+)*)$/,
  groupLabel: /^(WG|TG|Working Group|Task Group)\s*\d*/i,
  link: 'a[href]',
  month: /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}$/i,
} as const;
