export { ComponentIndex, distanceMeters, METERS_PER_DEGREE, type ComponentMatch, type ComponentPoint, type NearestOptions } from './component-index.ts';
export { insertComponents, loadComponents, type ComponentInput } from './component.repository.ts';
export { ComponentService } from './component-service.ts';
