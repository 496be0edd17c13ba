// A "Copy" button beside every field marked data-copy. Without JavaScript there is no
// button, and the field's text can be selected and copied as it is.
document.querySelectorAll("[data-copy]").forEach(function (field) {
  if (!navigator.clipboard) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary copy-button";
  button.textContent = field.dataset.copy;
  var status = document.createElement("span");
  status.setAttribute("role", "status");
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      status.textContent = " " + field.dataset.copied;
    });
  });
  field.after(button, status);
});
