"""MkDocs hooks: each event hands over to the handbook's adapter, nothing more."""

from site_builder.adapter.events import Adapter

_adapter = Adapter()


def on_startup(command, dirty):
    _adapter.on_startup(command)


def on_config(config):
    return _adapter.on_config(config)


def on_pre_build(config):
    _adapter.on_pre_build(config)


def on_files(files, config):
    return _adapter.on_files(files, config)


def on_pre_page(page, config, files):
    return _adapter.on_pre_page(page)


def on_page_content(html, page, config, files):
    return _adapter.on_page_content(html, page)


def on_env(env, config, files):
    return _adapter.on_env(env, config, files)


def on_template_context(context, template_name, config):
    return _adapter.on_template_context(context, template_name)


def on_post_build(config):
    _adapter.on_post_build(config)


def on_build_error(error):
    _adapter.on_build_error(error)


def on_shutdown():
    _adapter.on_shutdown()
