// Place a pin: click the map, or move it with the arrow keys and put the pin in its centre (keyboard users).
// Progressive enhancement: without this script the page offers the search by street, place or postcode.
(function () {
  'use strict';
  var element = document.getElementById('place-map');
  if (!element || typeof L === 'undefined') { return; }
  document.querySelectorAll('.engagement-js-only').forEach(function (el) { el.hidden = false; });
  var d = element.dataset;
  var bounds = L.latLngBounds([parseFloat(d.south), parseFloat(d.west)], [parseFloat(d.north), parseFloat(d.east)]);
  var map = L.map(element, { maxZoom: 18, minZoom: 9, keyboardPanDelta: 60 });
  if (d.tiles) {
    L.tileLayer(d.tiles, { attribution: d.attribution || '', maxZoom: 19 }).addTo(map);
  }
  map.fitBounds(bounds);
  L.rectangle(bounds, { color: '#1d70b8', weight: 2, fill: false, interactive: false }).addTo(map);
  var latitude = document.getElementById('id_latitude');
  var longitude = document.getElementById('id_longitude');
  var button = document.getElementById('use-point');
  var status = document.getElementById('pin-status');
  var pin = null;
  var circle = null;
  // Pages that ask "how far from the place?" (data-radius-input names the radio buttons) draw that circle.
  var radiusName = d.radiusInput;

  function radius() {
    var checked = radiusName && document.querySelector('input[name="' + radiusName + '"]:checked');
    return checked ? parseFloat(checked.value) : 0;
  }

  function drawCircle() {
    if (!pin || !radius()) { return; }
    if (circle) { circle.setLatLng(pin.getLatLng()).setRadius(radius()); } else {
      circle = L.circle(pin.getLatLng(), { radius: radius(), color: '#1d70b8', weight: 2, interactive: false }).addTo(map);
    }
  }

  function place(latlng) {
    if (pin) { pin.setLatLng(latlng); } else {
      pin = L.circleMarker(latlng, { radius: 10, weight: 3, color: '#0b0c0c', fillColor: '#ffdd00', fillOpacity: 1 }).addTo(map);
    }
    latitude.value = latlng.lat.toFixed(6);
    longitude.value = latlng.lng.toFixed(6);
    if (button) { button.disabled = false; }
    status.textContent = status.dataset.placed;
    drawCircle();
  }

  if (radiusName) {
    document.querySelectorAll('input[name="' + radiusName + '"]').forEach(function (input) {
      input.addEventListener('change', drawCircle);
    });
  }

  map.on('click', function (event) { place(event.latlng); });
  document.getElementById('pin-centre').addEventListener('click', function () { place(map.getCenter()); });
  element.setAttribute('data-ready', 'true');
})();
