# nbconvert settings for .ci/regenerate: execute the lessons so that the same code always gives
# byte-identical notebooks.
c = get_config()  # noqa: F821 - provided by traitlets when nbconvert loads this file

c.NbConvertApp.export_format = "notebook"
c.ExecutePreprocessor.kernel_name = "python3"
c.ExecutePreprocessor.record_timing = False  # no per-cell timestamps
# Run after execution (the built-in defaults run before it):
# - coalesce streams, so a loop's prints never split differently between runs;
# - drop the output of cells tagged nbval-ignore-output (the widget explorers: random model ids);
# - keep only machine-independent notebook metadata (no widget state, no Python patch version).
c.NotebookExporter.preprocessors = [
    "nbconvert.preprocessors.CoalesceStreamsPreprocessor",
    "nbconvert.preprocessors.TagRemovePreprocessor",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
]
c.TagRemovePreprocessor.remove_all_outputs_tags = {"nbval-ignore-output"}
c.ClearMetadataPreprocessor.clear_cell_metadata = False
c.ClearMetadataPreprocessor.preserve_nb_metadata_mask = {
    "kernelspec", "jupytext", "rise", ("language_info", "name")}
