// Show points listed on the page (published comments, Safe Places) on a map; the list stays the main content.
(function () {
  'use strict';
  var element = document.querySelector('.engagement-map[id$="-map"]');
  var data = document.getElementById(element ? element.id.replace(/-map$/, '-points') : '');
  if (!element || !data || typeof L === 'undefined') { return; }
  var points = JSON.parse(data.textContent);
  document.querySelectorAll('.engagement-js-only').forEach(function (el) { el.hidden = false; });
  var d = element.dataset;
  var map = L.map(element, { maxZoom: 18 });
  if (d.tiles) {
    L.tileLayer(d.tiles, { attribution: d.attribution || '', maxZoom: 19 }).addTo(map);
  }
  var bounds = L.latLngBounds([]);
  if (d.south) { bounds.extend([parseFloat(d.south), parseFloat(d.west)]); bounds.extend([parseFloat(d.north), parseFloat(d.east)]); }
  points.forEach(function (p) {
    var text = p.name ? p.name + ', ' + p.address : p.feeling + ': ' + p.comment;
    L.circleMarker([p.lat, p.lon], { radius: 8, weight: 2, color: '#0b0c0c', fillColor: '#1d70b8', fillOpacity: 0.8 })
      .bindPopup(document.createTextNode(text)).addTo(map);
    bounds.extend([p.lat, p.lon]);
  });
  if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20] }); } else { map.setView([52.5, -1.5], 6); }
})();
