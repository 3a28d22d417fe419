import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/core/message.js';
import { defuseMentions } from '../../../src/bot/matrix/defuse.js';
import { editContent, messageToMatrixContent, replyContent } from '../../../src/bot/matrix/render.js';
import { sanitizeMatrixHtml } from '../../../src/bot/matrix/sanitize.js';

const ZWJ = '\u200D';

describe('messageToMatrixContent', () => {
  it('renders an alert as an m.notice with plain body, sanitised HTML and empty m.mentions', () => {
    const message: Message = {
      kind: 'alert',
      title: 'FG-MV discusses digital identity',
      url: 'https://example.org/news/1',
      text: 'A proposal for every user.',
      fields: [{ name: 'Source', value: 'Example News', inline: true }],
      tags: ['digital-identity', 'metaverse'],
      footer: 'standards-watch · Example News',
    };
    expect(messageToMatrixContent(message)).toEqual({
      msgtype: 'm.notice',
      body: 'FG-MV discusses digital identity\nhttps://example.org/news/1\nA proposal for every user.\nSource: Example News\nTags: digital-identity, metaverse\nstandards-watch · Example News',
      format: 'org.matrix.custom.html',
      formatted_body:
        '<p><b><a href="https://example.org/news/1">FG-MV discusses digital identity</a></b></p>' +
        '<p>A proposal for every user.</p><p><b>Source:</b> Example News</p>' +
        '<p><i>Tags: digital-identity, metaverse</i></p><p><sub>standards-watch · Example News</sub></p>',
      'm.mentions': {},
    });
  });

  it('escapes feed text so that markup in it shows as text', () => {
    const content = messageToMatrixContent({ kind: 'answer', title: 'Tom & Jerry <script>alert(1)</script>', text: '<img src=x onerror=alert(1)> "quoted"' });
    expect(content.formatted_body).toContain('Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(content.formatted_body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(content.formatted_body).not.toMatch(/<script|<img/);
    expect(content.body).toContain('Tom & Jerry <script>alert(1)</script>');
  });

  it('defuses @room with a zero-width joiner inside the word in body and formatted_body', () => {
    const content = messageToMatrixContent({ kind: 'alert', title: 'Attention @room', text: 'Everyone, @ROOM, `@room` and \\@room' });
    for (const text of [content.body, content.formatted_body]) {
      expect(text).not.toMatch(/@room/i);
      expect(text).toContain(`@ro${ZWJ}om`);
    }
    expect(content.body).toContain(`@RO${ZWJ}OM`);
  });

  it('defuses user ids in text and never links matrix.to user pills', () => {
    const content = messageToMatrixContent({
      kind: 'alert',
      title: 'Ask @alice:example.org',
      sections: [{ heading: 'Also reported by', lines: [{ text: 'Pill', url: 'https://matrix.to/#/@bob:example.org' }, { text: 'Outlet', url: 'https://outlet.example/a' }] }],
    });
    expect(content.body).toContain(`@${ZWJ}alice:example.org`);
    expect(content.body).not.toContain('matrix.to');
    expect(content.formatted_body).not.toContain('matrix.to');
    expect(content.formatted_body).toContain('<li>Pill</li><li><a href="https://outlet.example/a">Outlet</a></li>');
  });

  it('links only http(s) and mailto URLs', () => {
    const content = messageToMatrixContent({
      kind: 'answer',
      title: 'Bad link',
      url: 'javascript:alert(1)',
      sections: [{ heading: 'Links', lines: [{ text: 'data', url: 'data:text/html,x' }, { text: 'mail', url: 'mailto:a@example.org' }] }],
    });
    expect(content.formatted_body).not.toMatch(/javascript:|data:/);
    expect(content.body).not.toMatch(/javascript:|data:/);
    expect(content.formatted_body).toContain('<a href="mailto:a@example.org">mail</a>');
  });

  it('keeps newlines of the text as <br> in HTML', () => {
    expect(messageToMatrixContent({ kind: 'answer', text: 'one\ntwo' }).formatted_body).toBe('<p>one<br />two</p>');
  });
});

describe('reply and edit content', () => {
  it('wraps an answer as a reply to the command event', () => {
    const content = replyContent({ kind: 'answer', text: 'hi' }, '$cmd');
    expect(content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: '$cmd' } });
    expect(content['m.mentions']).toEqual({});
    expect(content.msgtype).toBe('m.notice');
  });

  it('builds an m.replace edit with a * fallback and the whole new content', () => {
    const message: Message = { kind: 'alert', title: 'Story', text: '@room news' };
    const content = editContent(message, '$orig');
    expect(content.body).toBe(`* Story\n@ro${ZWJ}om news`);
    expect(content.formatted_body.startsWith('* <p>')).toBe(true);
    expect(content['m.new_content']).toEqual(messageToMatrixContent(message));
    expect(content['m.relates_to']).toEqual({ rel_type: 'm.replace', event_id: '$orig' });
    expect(content['m.mentions']).toEqual({});
  });
});

describe('sanitizeMatrixHtml', () => {
  it('keeps the Matrix allowlist and drops everything else', () => {
    const out = sanitizeMatrixHtml(
      '<h2>T</h2><script>x()</script><iframe src="https://e.example"></iframe><p onclick="x()" style="color:red">p</p>' +
        '<a href="javascript:alert(1)">js</a><a href="https://ok.example">ok</a><img src="https://e.example/x.png"><img src="mxc://e.example/abc">' +
        '<font color="#ff0000">c</font><details><summary>s</summary>d</details>',
    );
    expect(out).toBe('<h2>T</h2><p>p</p><a>js</a><a href="https://ok.example">ok</a><img /><img src="mxc://e.example/abc" /><font color="#ff0000">c</font><details><summary>s</summary>d</details>');
  });

  it('turns matrix.to user permalinks into plain text', () => {
    expect(sanitizeMatrixHtml('<a href="https://matrix.to/#/@alice:example.org">Alice</a>')).toBe('<span>Alice</span>');
  });
});

describe('defuseMentions', () => {
  it('leaves ordinary text and e-mail addresses alone', () => {
    expect(defuseMentions('Write to team@example.org about the meeting room')).toBe('Write to team@example.org about the meeting room');
  });
});
