// Back office: "Copy" buttons copy the text of the field their data-copy attribute names. Pages work without it.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  var field = document.getElementById(button.getAttribute("data-copy"));
  if (!field || !navigator.clipboard) return;
  navigator.clipboard.writeText(field.value).then(function () { button.textContent = "Copied"; });
});
