// Start GOV.UK Frontend components, and again on content that HTMX swaps in.
import { initAll, createAll, Button } from './../vendor/govuk-frontend/govuk-frontend.min.js';

initAll();
document.body.addEventListener('htmx:afterSwap', function (event) {
  createAll(Button, undefined, { scope: event.detail.target });
});
