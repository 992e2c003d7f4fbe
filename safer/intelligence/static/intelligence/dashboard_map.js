// Dashboard map: LSOA polygons shaded in classes (quantiles, equal intervals, Jenks) with a legend, district
// outlines, Gi* hot and cold spot cells, clustered map points and custom areas.
(function () {
  'use strict';
  var element = document.getElementById('dashboard-map');
  if (!element || typeof L === 'undefined') { return; }
  var map = L.map(element, { maxZoom: 18, minZoom: 5 });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || '', maxZoom: 19 }).addTo(map);
  }
  map.setView([52.5, -1.5], 6);
  var shades = ['#fef0e7', '#fdc9a8', '#f9a77a', '#f47738', '#d4351c', '#942514'];
  var data = null;
  var polygons = L.geoJSON(null).addTo(map);
  var legend = document.getElementById('map-legend');

  function chosen(name, fallback) {
    var checked = document.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : fallback;
  }

  function classOf(value, bounds) {
    if (value === null || value === undefined) { return -1; }
    for (var i = 0; i < bounds.length; i += 1) { if (value <= bounds[i]) { return i; } }
    return bounds.length - 1;
  }

  function format(value) { return (Math.round(value * 100) / 100).toLocaleString('en-GB'); }

  function drawLegend(bounds, measure) {
    legend.textContent = '';
    var lower = null;
    bounds.forEach(function (upper, i) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'safer-map-legend__swatch';
      swatch.style.background = shades[i + 1];
      swatch.setAttribute('aria-hidden', 'true');
      item.appendChild(swatch);
      var label = (lower === null ? 'up to ' : 'over ' + format(lower) + ' to ') + format(upper);
      item.appendChild(document.createTextNode(label + (measure === 'rate' ? ' per 1,000 residents' : ' records')));
      legend.appendChild(item);
      lower = upper;
    });
    [['#942514', 'Grid cell: hot spot (Gi*)'], ['#1d70b8', 'Grid cell: cold spot (Gi*)'],
     ['#0b0c0c', 'District outline']].forEach(function (pair) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'safer-map-legend__swatch safer-map-legend__swatch--outline';
      swatch.style.borderColor = pair[0];
      swatch.setAttribute('aria-hidden', 'true');
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(pair[1]));
      legend.appendChild(item);
    });
  }

  function drawPolygons() {
    if (!data) { return; }
    var measure = chosen('measure', 'count');
    var method = chosen('breaks', 'quantiles');
    var bounds = data.lsoa_shapes.breaks[measure][method] || [];
    legend.setAttribute('data-breaks', method + ' ' + measure);
    polygons.clearLayers();
    polygons.addData(data.lsoa_shapes);
    polygons.setStyle(function (feature) {
      var index = classOf(feature.properties[measure], bounds);
      return { color: '#505a5f', weight: 0.5, fillColor: index < 0 ? '#ffffff' : shades[index + 1], fillOpacity: 0.7 };
    });
    polygons.eachLayer(function (layer) {
      var p = layer.feature.properties;
      layer.bindTooltip(p.lsoa_name + ': ' + p.count + ' records' + (p.rate !== null ? ', ' + p.rate + ' per 1,000' : ''));
    });
    drawLegend(bounds, measure);
  }

  document.querySelectorAll('input[name="measure"], input[name="breaks"]').forEach(function (input) {
    input.addEventListener('change', drawPolygons);
  });

  fetch(element.dataset.url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) { return response.json(); })
    .then(function (document_) {
      data = document_;
      drawPolygons();
      L.geoJSON(data.districts, { style: { color: '#0b0c0c', weight: 2.5, fill: false }, interactive: false }).addTo(map);
      L.geoJSON(data.hotspots, {
        style: function (feature) {
          var hot = feature.properties.gistar_z > 0;
          return { color: hot ? '#942514' : '#1d70b8', weight: 1.5, fillColor: hot ? '#d4351c' : '#5694ca', fillOpacity: 0.45 };
        },
        onEachFeature: function (feature, layer) {
          layer.bindTooltip(feature.properties.confidence + ': ' + feature.properties.count + ' records');
        }
      }).addTo(map);
      var cluster = L.markerClusterGroup({ chunkedLoading: true });
      (data.points || []).forEach(function (point) {
        cluster.addLayer(L.marker([point.latitude, point.longitude], { title: point.location + ': ' + point.count })
          .bindPopup(document.createTextNode(point.location + ': ' + point.count + ' records')));
      });
      map.addLayer(cluster);
      (data.custom_areas || []).forEach(function (area) {
        L.geoJSON(area.geojson, { style: { color: '#1d70b8', weight: 3, fillOpacity: 0.05 } })
          .bindTooltip(area.name).addTo(map);
      });
      var bounds = polygons.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20] }); }
      element.setAttribute('data-loaded', 'true');
    });
}());
