// Dashboard map: LSOA polygons shaded in classes (quantiles, equal intervals, Jenks) with a legend, district
// outlines, grid-cell layers (Gi* hot and cold spots, kernel density, emerging hot spots, change between periods),
// clustered map points and custom areas.
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
  var lastLegend = null;

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
    var extra = [];
    if (cellLayers.hotspots) { extra.push(['#942514', 'Grid cell: hot spot (Gi*)'], ['#1d70b8', 'Grid cell: cold spot (Gi*)']); }
    if (cellLayers.kde) { extra.push(['#d4351c', 'Grid cell: kernel density, darker is denser']); }
    if (cellLayers.emerging) { extra.push(['#942514', 'Dashed cell: emerging hot spot pattern'], ['#1d70b8', 'Dashed cell: emerging cold spot pattern']); }
    if (cellLayers.change) { extra.push([CHANGE.Emerged, 'Cell: hot spot emerged'], [CHANGE.Persisted, 'Cell: hot spot persisted'], [CHANGE.Faded, 'Cell: hot spot faded']); }
    extra.push(['#0b0c0c', 'District outline']);
    // A layer switched on with no cells says why (e.g. too few grid cells or months), as its table does.
    Object.keys(cellLayers).forEach(function (name) {
      var collection = data && data[name];
      if (collection && !collection.features.length) {
        extra.push(['#b1b4b6', LAYER_NAMES[name] + ': no cells. ' + (collection.reason || 'No records for this area and period.')]);
      }
    });
    extra.forEach(function (pair) {
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
    lastLegend = [bounds, measure];
    drawLegend(bounds, measure);
  }

  document.querySelectorAll('input[name="measure"], input[name="breaks"]').forEach(function (input) {
    input.addEventListener('change', drawPolygons);
  });

  // Grid-cell layers: Gi* hot and cold spots, kernel density, emerging hot spots, change between periods.
  var renderer = L.canvas({ padding: 0.2 });
  var HOT = '#d4351c', COLD = '#5694ca';
  var CHANGE = { Emerged: '#d4351c', Persisted: '#942514', Faded: '#5694ca' };
  var cellLayers = {};
  var LAYER_NAMES = { hotspots: 'Hot and cold spots', kde: 'Kernel density', emerging: 'Emerging hot spots', change: 'Change between the periods' };

  function isHot(text) { return String(text).toLowerCase().indexOf('cold') < 0; }

  function kdeStyle(features) {
    var top = features.reduce(function (m, f) { return Math.max(m, f.properties.density); }, 0) || 1;
    return function (feature) {
      var index = Math.min(5, Math.ceil(5 * feature.properties.density / top));
      return { stroke: false, fillColor: shades[index], fillOpacity: 0.6 };
    };
  }

  var layerSpecs = {
    hotspots: {
      style: function (feature) {
        var hot = feature.properties.gistar_z > 0;
        return { color: hot ? '#942514' : '#1d70b8', weight: 1.5, fillColor: hot ? HOT : COLD, fillOpacity: 0.45 };
      },
      tip: function (p) { return p.confidence + ': ' + p.count + ' records'; }
    },
    kde: {
      tip: function (p) { return 'Density ' + format(p.density) + ' records per km² (bandwidth ' + p.bandwidth + ' m)'; }
    },
    emerging: {
      style: function (feature) {
        var hot = isHot(feature.properties.pattern);
        return { color: hot ? '#942514' : '#1d70b8', weight: 1, dashArray: '3', fillColor: hot ? HOT : COLD, fillOpacity: 0.35 };
      },
      tip: function (p) { return p.pattern + ': hot in ' + p.hot_slices + ' of ' + p.slices + ' months'; }
    },
    change: {
      style: function (feature) {
        return { color: '#0b0c0c', weight: 1, fillColor: CHANGE[feature.properties.change] || '#b1b4b6', fillOpacity: 0.5 };
      },
      tip: function (p) { return p.change + ': ' + p.compare_count + ' then ' + p.period_count + ' records'; }
    }
  };

  var loading = {};

  function showLayer(name, collection) {
    var spec = layerSpecs[name];
    cellLayers[name] = L.geoJSON(collection, {
      style: name === 'kde' ? kdeStyle(collection.features) : spec.style,
      renderer: name === 'kde' ? renderer : undefined,  // up to 1,000 cells draw faster on a canvas
      onEachFeature: function (feature, layer) { layer.bindTooltip(spec.tip(feature.properties)); }
    }).addTo(map);
  }

  // Gi* comes with the map's data; the other layers are fetched (GeoJSON) the first time they are switched on.
  function drawCellLayers() {
    if (!data) { return; }
    Object.keys(layerSpecs).forEach(function (name) {
      var input = document.getElementById('layer-' + name);
      var wanted = input ? input.checked : name === 'hotspots';
      if (wanted && !cellLayers[name]) {
        if (data[name]) {
          showLayer(name, data[name]);
        } else if (!loading[name]) {
          loading[name] = true;
          fetch(element.dataset.layerUrl.replace('LAYER', name), { credentials: 'same-origin' })
            .then(function (response) { return response.json(); })
            .then(function (collection) { data[name] = collection; loading[name] = false; drawCellLayers(); });
        }
      } else if (!wanted && cellLayers[name]) {
        map.removeLayer(cellLayers[name]);
        delete cellLayers[name];
      }
    });
    var shown = Object.keys(cellLayers).sort().join(' ');
    element.setAttribute('data-cell-layers', shown);
    if (lastLegend) { drawLegend(lastLegend[0], lastLegend[1]); }
  }

  document.querySelectorAll('input[name="layer"]').forEach(function (input) {
    input.addEventListener('change', drawCellLayers);
  });

  fetch(element.dataset.url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) { return response.json(); })
    .then(function (document_) {
      data = document_;
      drawPolygons();
      L.geoJSON(data.districts, { style: { color: '#0b0c0c', weight: 2.5, fill: false }, interactive: false }).addTo(map);
      drawCellLayers();
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
      element.setAttribute('data-loaded-at', String(Math.round(performance.now())));  // for benchmarks/map_render.py
      element.setAttribute('data-loaded', 'true');
    });
}());
