# docker-lessons offline stand-in: the real training/webapp ran this Flask app.
# Here /usr/bin/python is a shell script that serves "Hello world!" on port 5000 with busybox httpd.
import os
from flask import Flask
app = Flask(__name__)

@app.route('/')
def hello():
    provider = str(os.environ.get('PROVIDER', 'world'))
    return 'Hello '+provider+'!'

if __name__ == '__main__':
    port = int(os.environ.get('PORT', 5000))
    app.run(host='0.0.0.0', port=port)
