/** Open311 GeoReport v2 (/open311/v2/): discovery, services, posting and reading service requests. */
export { checkJurisdiction, discovery, listServices, serviceDefinition } from './georeport-services.ts';
export { submitServiceRequest } from './submit-service-request.ts';
export { searchServiceRequests, serviceRequestById, serviceRequestOfToken } from './read-service-requests.ts';
export { CONTENT_TYPES, renderGeoReport, type GeoReportAnswer } from './georeport-format.ts';
export { errorList, formatOfUrl, geoReportErrorOf, GeoReportError, serviceRequestForm, splitFormat, type GeoReportFormat } from './georeport.rules.ts';
