// Incident location: clicking the map fills the latitude and longitude fields (the address stays the main input).
(function () {
  'use strict';
  var element = document.getElementById('incident-map');
  if (!element || typeof L === 'undefined') { return; }
  var latInput = document.getElementById('id_latitude');
  var lonInput = document.getElementById('id_longitude');
  var start = [51.752, -1.2577]; // Oxford: the demo partnership
  var lat = parseFloat(latInput && latInput.value);
  var lon = parseFloat(lonInput && lonInput.value);
  var map = L.map(element).setView(isNaN(lat) ? start : [lat, lon], 14);
  var tileUrl = element.getAttribute('data-tile-url');
  if (tileUrl && tileUrl !== 'none') {
    L.tileLayer(tileUrl, { attribution: element.getAttribute('data-tile-attribution') || '', maxZoom: 19 }).addTo(map);
  }
  var marker = null;
  function place(latlng) {
    if (marker) { marker.setLatLng(latlng); } else { marker = L.circleMarker(latlng, { radius: 8 }).addTo(map); }
    if (latInput) { latInput.value = latlng.lat.toFixed(6); }
    if (lonInput) { lonInput.value = latlng.lng.toFixed(6); }
  }
  if (!isNaN(lat) && !isNaN(lon)) { place(L.latLng(lat, lon)); }
  map.on('click', function (event) { place(event.latlng); });
})();
