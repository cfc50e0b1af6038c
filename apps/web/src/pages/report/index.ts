export { ReportPage } from './ReportPage.js';
