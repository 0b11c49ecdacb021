export * from './articles.ts';
export * from './search-articles.ts';
export * from './synonyms.ts';
export * from './article-use.ts';
export { offeredArticleFileSql } from './article-scope.ts';
export { insertPublishedArticle, type SeedArticle } from "./seed-articles.ts";
export { proposeFromOrder } from './propose-from-order.ts';
export { exportArticlesCsv, ARTICLE_CSV_COLUMNS } from './export-articles.ts';
