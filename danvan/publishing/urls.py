"""Public news pages (/tin-tuc/, /feed/, /sitemap.xml, /robots.txt) and the officers' news screens (/can-bo/tin-tuc/).
Included at the site root, so the paths here are full paths."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import NewsFeed
from .sitemaps import sitemaps

app_name = "publishing"
urlpatterns = [
    path("tin-tuc/", views.article_list, name="article_list"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article_detail"),
    path("feed/", NewsFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("can-bo/tin-tuc/", views.ws_article_list, name="ws_article_list"),
    path("can-bo/tin-tuc/them/", views.ws_article_create, name="ws_article_create"),
    path("can-bo/anh-noi-dung/", views.ws_body_image, name="ws_body_image"),
    path("can-bo/tin-tuc/cho-duyet/", views.ws_review_queue, name="ws_review_queue"),
    path("can-bo/tin-tuc/<int:pk>/", views.ws_article_edit, name="ws_article_edit"),
    path("can-bo/tin-tuc/<int:pk>/xem-truoc/", views.ws_article_preview, name="ws_article_preview"),
    path("can-bo/tin-tuc/<int:pk>/gui-duyet/", views.ws_article_submit, name="ws_article_submit"),
    path("can-bo/tin-tuc/<int:pk>/duyet/", views.ws_article_approve, name="ws_article_approve"),
    path("can-bo/tin-tuc/<int:pk>/tra-lai/", views.ws_article_return, name="ws_article_return"),
    path("can-bo/tin-tuc/<int:pk>/luu-tru/", views.ws_article_archive, name="ws_article_archive"),
    path("can-bo/tin-tuc/<int:pk>/khoi-phuc/", views.ws_article_restore, name="ws_article_restore"),
]
