/** The demo district's territory (Wujiang 吴江区): divisions, basic and professional grids, components. */
export { buildDemoTerritory, DEMO_BASIC_GRID_COUNT, DEMO_PROFESSIONAL_GRIDS, DEMO_SEED, isWorkingGrid, lookupGrids, type DemoTerritory } from './build-demo-territory.ts';
export { buildDemoComponents, componentCategoryNames, insertDemoComponents, DEMO_COMPONENT_TYPES, type DemoComponent } from './demo-components.ts';
export { loadDemoTerritory, type DemoProgress, type LoadDemoTerritoryResult } from './load-demo-territory.ts';
export { loadWujiangOutline, loadWujiangTree, type SourceTown, type SourceVillage } from './demo-source.ts';
export { mulberry32, type Rng } from './prng.ts';
