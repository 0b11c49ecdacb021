export {
  buildDemoCatalogue,
  componentCategoryCode,
  COMPONENT_CODE_PREFIX,
  DEMO_CATEGORY_CODES,
  readStandardRows,
  STANDARD_CSV_URL,
} from './build-demo-catalogue.ts';
export { loadDemoCatalogue } from './load-demo-catalogue.ts';
export { LOCAL_CATEGORIES, LOCAL_MAJOR } from './demo-local.ts';
export { TERRITORIAL } from './demo-limits.ts';
