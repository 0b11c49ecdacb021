/**
 * 研判报告 (analysis reports, docs/analysis-reports.md): a period's figures for a district or a town — headline
 * figures and their change, the resolution shape, hot categories and places, unit rankings, warnings raised —
 * with charts and a few sentences written from the figures, as a .docx and an HTML page. Generated on demand and
 * on the 1st of each month for the district; stored and listed; opened by those whose areas hold its scope.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, IdParams, Nullable, Obj, PageOf, PagingFields } from './common.ts';
import { PeriodQueryFields, PeriodSchema } from './assessment.ts';
import { route } from './route.ts';
import { literals } from './vocabulary.ts';

export const REPORT_SCOPE_LEVELS = ['district', 'town'] as const;

const divisionCode = (description: string) => Type.String({ pattern: '^[0-9]{12}$', description });

export const GenerateReportBody = Obj({
  ...PeriodQueryFields,
  scope: divisionCode('the district’s or a town’s division code (12 digits): the area the report is about'),
});
export type GenerateReportInput = Static<typeof GenerateReportBody>;

export const ReportFiguresSchema = Obj(
  {
    received: Type.Integer(),
    overdue: Type.Integer(),
    completionRate: Nullable(Type.Number()),
    onTimeRate: Nullable(Type.Number()),
    satisfactionRate: Nullable(Type.Number()),
    directCloseRate: Nullable(Type.Number()),
  },
  'the headline figures the report states (the statistics API’s, docs/statistics.md)',
);

export const AnalysisReportSchema = Obj({
  id: Type.Integer(),
  title: Type.String(),
  scope: Obj({ code: Type.String(), name: Type.String(), level: literals(REPORT_SCOPE_LEVELS) }),
  period: PeriodSchema,
  figures: ReportFiguresSchema,
  generatedAt: DateTime,
  generatedBy: Nullable(Obj({ id: Type.Integer(), name: Type.String() }, 'who asked; null: the monthly schedule')),
  docxUrl: Type.String({ description: 'the .docx (GET, with the session)' }),
  htmlUrl: Type.String({ description: 'the HTML page (GET, with the session)' }),
});
export type AnalysisReportView = Static<typeof AnalysisReportSchema>;

export const AnalysisReportPageSchema = PageOf(AnalysisReportSchema);
export type AnalysisReportPage = Static<typeof AnalysisReportPageSchema>;

export const ReportListQuery = Obj({
  scope: Type.Optional(divisionCode('only the reports about this area')),
  ...PagingFields,
});

const Binary = (description: string) => Type.String({ format: 'binary', description });

export const analysisReportRoutes = {
  list: route({
    method: 'GET',
    path: '/api/v1/analysis-reports',
    tags: ['analysis-reports'],
    summary: '研判报告列表 The reports whose scope your areas hold, newest first, with who, when, scope and period',
    querystring: ReportListQuery,
    response: { 200: AnalysisReportPageSchema },
  }),
  generate: route({
    method: 'POST',
    path: '/api/v1/analysis-reports',
    tags: ['analysis-reports'],
    summary: '生成研判报告 Generate a report for a period and an area (the district or a town) in your scope',
    body: GenerateReportBody,
    response: { 201: AnalysisReportSchema },
  }),
  get: route({
    method: 'GET',
    path: '/api/v1/analysis-reports/:id',
    tags: ['analysis-reports'],
    summary: '研判报告 One report',
    params: IdParams,
    response: { 200: AnalysisReportSchema },
  }),
  docx: route({
    method: 'GET',
    path: '/api/v1/analysis-reports/:id/docx',
    tags: ['analysis-reports'],
    summary: '下载研判报告 The report as a Word document (.docx)',
    params: IdParams,
    response: { 200: Binary('the .docx') },
    binary: true,
  }),
  html: route({
    method: 'GET',
    path: '/api/v1/analysis-reports/:id/html',
    tags: ['analysis-reports'],
    summary: '查看研判报告 The report as an HTML page',
    params: IdParams,
    response: { 200: Binary('the HTML page') },
    binary: true,
  }),
};
