// Dashboard map: clustered map points, LSOA circles shaded by records or rate, custom areas as outlines.
(function () {
  'use strict';
  var element = document.getElementById('dashboard-map');
  if (!element || typeof L === 'undefined') { return; }
  var map = L.map(element, { maxZoom: 18, minZoom: 5 });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || '', maxZoom: 19 }).addTo(map);
  }
  map.setView([52.5, -1.5], 6);
  var circles = L.layerGroup().addTo(map);
  var lsoas = [];
  var shades = ['#f3f2f1', '#fdd9c4', '#f9a77a', '#f47738', '#d4351c', '#942514'];

  function shade(value, max) {
    if (!max || value === null || value === undefined) { return shades[0]; }
    var index = Math.min(shades.length - 1, Math.floor((value / max) * (shades.length - 1) + 0.5));
    return shades[index];
  }

  function drawCircles() {
    var checked = document.querySelector('input[name="measure"]:checked');
    var measure = checked ? checked.value : 'count';
    var max = 0;
    lsoas.forEach(function (row) { if (row[measure] > max) { max = row[measure]; } });
    circles.clearLayers();
    lsoas.forEach(function (row) {
      if (row.latitude === null || row.longitude === null) { return; }
      L.circleMarker([row.latitude, row.longitude], {
        radius: 9, weight: 1, color: '#0b0c0c', fillColor: shade(row[measure], max), fillOpacity: 0.75
      }).bindTooltip(row.lsoa_name + ': ' + row.count + ' records' +
        (row.rate !== null ? ', ' + row.rate + ' per 1,000' : '')).addTo(circles);
    });
  }

  document.querySelectorAll('input[name="measure"]').forEach(function (input) {
    input.addEventListener('change', drawCircles);
  });

  fetch(element.dataset.url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      lsoas = data.lsoas || [];
      drawCircles();
      var cluster = L.markerClusterGroup({ chunkedLoading: true });
      (data.points || []).forEach(function (point) {
        cluster.addLayer(L.marker([point.latitude, point.longitude], { title: point.location + ': ' + point.count })
          .bindPopup(document.createTextNode(point.location + ': ' + point.count + ' records')));
      });
      map.addLayer(cluster);
      var outlines = L.geoJSON(null, { style: { color: '#1d70b8', weight: 3, fillOpacity: 0.05 } }).addTo(map);
      (data.custom_areas || []).forEach(function (area) {
        L.geoJSON(area.geojson, { style: { color: '#1d70b8', weight: 3, fillOpacity: 0.05 } })
          .bindTooltip(area.name).addTo(outlines);
      });
      var bounds = L.latLngBounds([]);
      lsoas.forEach(function (row) { if (row.latitude !== null) { bounds.extend([row.latitude, row.longitude]); } });
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20] }); }
      element.setAttribute('data-loaded', 'true');
    });
}());
