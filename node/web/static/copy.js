// A "Copy" button after every element marked data-copy. Without JavaScript there is no
// button, and the text can be selected and copied as it is.
document.querySelectorAll("[data-copy]").forEach(function (field) {
  if (!navigator.clipboard) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary copy-button";
  button.textContent = field.dataset.copy;
  button.setAttribute("aria-label", field.dataset.copy + " " + field.textContent.trim());
  var status = document.createElement("span");
  status.setAttribute("role", "status");
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.textContent.trim()).then(function () {
      status.textContent = " " + field.dataset.copied;
    });
  });
  field.after(button, status);
});
