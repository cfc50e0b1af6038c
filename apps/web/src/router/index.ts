export { buildHash, matchPath, parseHash, type Location, type Query } from './hash.js';
export { Link, navigate, RouteParamsContext, setQuery, useLocation, useRoute, type LinkProps, type Route } from './router.js';
