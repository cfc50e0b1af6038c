export { FacilitatorPage } from './FacilitatorPage.js';
export { FacilitatorDrillPage } from './FacilitatorDrillPage.js';
