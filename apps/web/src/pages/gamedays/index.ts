export { GameDaysPage } from './GameDaysPage.js';
export { GameDayFormPage } from './GameDayFormPage.js';
export { GameDayDetailPage } from './GameDayDetailPage.js';
export { GameDayRunPage } from './GameDayRunPage.js';
