export { AlertTemplate, checkAlertTemplate, expandAlertTemplate, type AlertTemplateData, type RenderOptions } from './alert-template.js';
export { TemplateError } from './template-error.js';
export type { TemplateQuerySample } from './functions.js';
export { humanize, humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp } from './humanize.js';
export { formatG, sprintf } from './go-format.js';
