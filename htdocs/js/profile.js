/* profile.js - the profile page (templates/profile.cs): draws the QR code
 * of the otpauth:// address an authenticator app reads while two-factor
 * sign-in is being set up (qrcode-generator, htdocs/js/vendor/qrcode.js).
 * Without JavaScript the key is there to type. */
(function () {
  'use strict';
  const box = document.getElementById('two-factor-qr');
  if (!box || typeof window.qrcode !== 'function') return;
  const qr = window.qrcode(0, 'M');
  qr.addData(box.dataset.uri);
  qr.make();
  const img = document.createElement('img');
  img.src = qr.createDataURL(4, 8);
  img.alt = 'QR code of the key for your authenticator app';
  img.id = 'two-factor-qr-image';
  box.append(img);
}());
