/* Refuse a file larger than the Add bulletin page allows before it is sent, and say so.
 *
 * dcc.Upload(max_size=...) silently drops such a file; this shows why. The limit, the id of
 * the message element and the message (with {name}, {got} and {size}) come from the
 * data-max-bytes, data-message-id and data-too-big attributes of the box around the upload.
 * The server refuses larger bodies as well (413): this is only for the editor's sake.
 */
(function () {
    "use strict";

    function sizeText(bytes) {
        if (bytes >= 1024 * 1024) { return (bytes / (1024 * 1024)).toFixed(1) + " MB"; }
        return Math.round(bytes / 1024) + " KB";
    }

    function check(files, target) {
        if (!files || !target || !target.closest) { return; }
        var box = target.closest("[data-max-bytes]");
        if (!box) { return; }
        var limit = Number(box.getAttribute("data-max-bytes"));
        for (var i = 0; i < files.length; i++) {
            var file = files[i];
            if (file.size > limit && window.dash_clientside && window.dash_clientside.set_props) {
                var text = box.getAttribute("data-too-big")
                    .replace("{name}", file.name)
                    .replace("{got}", sizeText(file.size))
                    .replace("{size}", sizeText(limit));
                window.dash_clientside.set_props(box.getAttribute("data-message-id"), {
                    children: text,
                    className: "add-message message error"
                });
            }
        }
    }

    document.addEventListener("change", function (event) {
        check(event.target && event.target.files, event.target);
    }, true);
    document.addEventListener("drop", function (event) {
        check(event.dataTransfer && event.dataTransfer.files, event.target);
    }, true);
})();
