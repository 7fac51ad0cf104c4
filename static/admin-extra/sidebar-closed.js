// The admin's navigation sidebar starts closed, leaving lists and forms the whole width at
// 1280 px; a person who opens it keeps it open (Django's nav_sidebar.js remembers the choice in
// the same localStorage key). Loaded before nav_sidebar.js, which is deferred.
"use strict";
try {
  if (window.localStorage.getItem("django.admin.navSidebarIsOpen") === null) {
    window.localStorage.setItem("django.admin.navSidebarIsOpen", "false");
  }
} catch (error) {
  // No storage (private mode): Django's default, open.
}
