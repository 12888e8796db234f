"""MkDocs hooks: each event hands over to the handbook's pipeline, nothing more."""

from site_builder.adapter.pipeline import Pipeline

_pipeline = Pipeline()


def on_startup(command, dirty):
    _pipeline.on_startup(command)


def on_config(config):
    return _pipeline.on_config(config)


def on_pre_build(config):
    _pipeline.on_pre_build(config)


def on_files(files, config):
    return _pipeline.on_files(files, config)


def on_pre_page(page, config, files):
    return _pipeline.on_pre_page(page)


def on_page_content(html, page, config, files):
    return _pipeline.on_page_content(html, page)


def on_env(env, config, files):
    return _pipeline.on_env(env, config)


def on_post_build(config):
    _pipeline.on_post_build(config)


def on_build_error(error):
    _pipeline.on_build_error(error)


def on_shutdown():
    _pipeline.on_shutdown()
