/* /docs: Swagger UI over /openapi.json, from the vendored bundle (kg/static/vendor/swagger-ui). */
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
