// Runs before first paint (loaded synchronously at the top of <body>) so components style correctly.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
