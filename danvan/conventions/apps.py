from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "danvan.conventions"
    label = "conventions"
    verbose_name = "Hương ước, quy ước"

    def ready(self):
        from danvan.decisions.followers import follow

        from .services import follow_decision

        follow(follow_decision)  # a convention's status follows its adoption decision

        from danvan.core import pagecache

        pagecache.watch_app("conventions", "decisions")  # /lay-y-kien/huong-uoc/
