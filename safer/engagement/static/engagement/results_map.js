// Results map for staff: places (grid cells) sized by contributions and shaded by the share "unsafe", and the
// places where fear and recorded crime disagree. The same figures are in the tables on the page.
(function () {
  'use strict';
  var element = document.getElementById('results-map');
  var data = document.getElementById('results-data');
  if (!element || !data || typeof L === 'undefined') { return; }
  var d = JSON.parse(data.textContent);
  element.hidden = false;
  var map = L.map(element, { maxZoom: 18 });
  if (d.tiles) { L.tileLayer(d.tiles, { attribution: d.attribution || '', maxZoom: 19 }).addTo(map); }
  map.fitBounds([[d.south, d.west], [d.north, d.east]]);
  var max = 1;
  d.cells.forEach(function (c) { if (c.n > max) { max = c.n; } });
  var cells = L.layerGroup().addTo(map);
  d.cells.forEach(function (c) {
    var share = c.n ? c.unsafe / c.n : 0;
    var colour = share >= 0.66 ? '#d4351c' : share >= 0.33 ? '#f47738' : '#00703c';
    L.circleMarker([c.lat, c.lon], { radius: 4 + 12 * Math.sqrt(c.n / max), weight: 1, color: '#0b0c0c', fillColor: colour, fillOpacity: 0.7 })
      .bindTooltip(c.label + ': ' + c.n + ' contributions, ' + c.unsafe + ' unsafe').addTo(cells);
  });
  var colours = { fear: '#912b88', crime: '#1d70b8', both: '#0b0c0c' };
  var compared = L.layerGroup();
  d.compared.forEach(function (p) {
    L.circleMarker([p.lat, p.lon], { radius: 12, weight: 4, color: colours[p.kind], fill: false })
      .bindTooltip(p.label + ': ' + p.unsafe + ' unsafe, ' + p.crimes + ' recorded crimes').addTo(compared);
  });
  compared.addTo(map);
  L.control.layers(null, { 'Residents\u2019 places': cells, 'Fear versus recorded crime': compared }).addTo(map);
})();
