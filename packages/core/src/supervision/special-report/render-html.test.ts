import { afterEach, describe, expect, it } from 'vitest';
import { INSTRUCTION_LABEL, specialReportTitle } from './content.ts';
import { escapeHtml, renderSpecialReportHtml } from './render-html.ts';
import { chinaTime, sampleSpecialReportInput } from './sample-input.ts';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('renderSpecialReportHtml', () => {
  it('is a Chinese, self-contained page with the facts of the report', () => {
    const input = sampleSpecialReportInput();
    const html = renderSpecialReportHtml(input);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    // Nothing fetched from elsewhere: no scripts, links or remote resources.
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
    expect(specialReportTitle(input)).toBe('关于工单LD20261116000123超期未办结的专报');
    expect(html).toContain('<h1>关于工单LD20261116000123<br>超期未办结的专报</h1>');
    expect(html).toContain('<td class="strong">超时 2 工作日</td>');
    expect(html).toContain('<td>未超时</td>');
    expect(html).toContain(input.reportNo);
    expect(html).toContain(input.order.code);
    for (const e of input.timeline) expect(html).toContain(e.note!);
    expect(html).toContain(input.lateness!.overdueText);
    expect(html).toContain(INSTRUCTION_LABEL);
    for (const heading of ['一、基本情况', '二、办理经过', '三、超期情况', '四、督办情况', '五、处理建议及请示事项']) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    for (const name of ['电子催办', '人工交办', '现场督办', '短信督办', '专报批办']) expect(html).toContain(name);
    expect(html).toContain('2026年11月20日');
    expect(html).toContain('139****6621');
    expect(html).toContain('属松陵街道流虹社区，所在网格为流虹第3网格。');
  });

  it('escapes everything that comes from people', () => {
    const input = sampleSpecialReportInput();
    input.order.description = '井盖<script>alert("x")</script>丢了 & \'没人管\'';
    input.timeline[0]!.note = '<img src=x onerror=alert(1)>';
    input.issuer = '<b>中心</b>';
    const html = renderSpecialReportHtml(input);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('井盖&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;丢了 &amp; &#39;没人管&#39;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps line breaks in notes as <br>, after escaping', () => {
    const input = sampleSpecialReportInput();
    input.timeline[1]!.note = '第一行\n<第二行>';
    expect(renderSpecialReportHtml(input)).toContain('<td>第一行<br>&lt;第二行&gt;</td>');
  });

  it('dates the report in China time whatever the machine zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    const input = sampleSpecialReportInput();
    input.issuedAt = new Date('2026-11-20T16:30:00Z');
    input.lateness!.asOf = input.issuedAt;
    const html = renderSpecialReportHtml(input);
    expect(html).toContain('<span>2026年11月21日</span>');
    expect(html).toContain('截至2026年11月21日0时30分');
    expect(html).not.toContain('2026年11月20日</span>');
  });

  it('says that no step is overdue when the report is raised ahead of lateness, never "due by now"', () => {
    const input = { ...sampleSpecialReportInput(), lateness: null, issuedAt: new Date('2026-11-20T07:00:00Z') };
    const html = renderSpecialReportHtml(input);
    expect(html).toContain('截至2026年11月20日15时00分，该工单各环节均未超过时限，尚未办结。');
    expect(html).not.toMatch(/应于2026年11月20日15时00分前完成/);
  });

  it('says so when there were no earlier supervisions, suggestions or timeline', () => {
    const input = { ...sampleSpecialReportInput(), supervisions: [], suggestions: undefined, timeline: [], addressee: undefined };
    const html = renderSpecialReportHtml(input);
    expect(html).toContain('此前未开展督办');
    expect(html).toContain('<h2>五、请示事项</h2>');
    expect(html).toContain('该工单没有流转记录');
    expect(html).not.toContain('class="addressee"');
  });

  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(chinaTime('2026-11-16 13:40').toISOString()).toBe('2026-11-16T05:40:00.000Z');
  });
});
